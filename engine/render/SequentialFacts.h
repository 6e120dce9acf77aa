#pragma once
// Two facts of the reference's single-threaded order that a parallel engine must know up front
// (docs/physics.md §7.1 and §10): which pixel runs the very first φ loop of the run, and where the
// sticky interpolation switch-off happens.
#include <climits>
#include <functional>

#include "model/Experiment.h"
#include "render/ReferencePixel.h"

namespace bragg {

struct SequentialFacts {
    // Linear index (s·fpixels + f) of the pixel whose first non-d_min-cut (layer, sub-pixel,
    // source) runs the first φ loop with the start-up vectors; -1 if none.
    long long firstPhiPixel = -1;
    // Pixels before this one interpolate; this one interpolates until its first out-of-range
    // evaluation; later pixels never do. LLONG_MAX: the switch never happens.
    long long interpolationOffPixel = LLONG_MAX;

    bool interpolationStartsOn(const Experiment& e, long long pixel) const {
        return e.crystal.interpolate && e.crystal.hkl && pixel <= interpolationOffPixel;
    }
};

// The rendered pixel whose first non-d_min-cut (layer, sub-pixel, source) runs the first φ loop.
long long firstPhiLoopPixel(const Experiment& e);

// Finds, in row `slow`, the first rendered pixel (linear index) with an interpolation switch-off,
// or -1. `firstPhiPixel` runs the run's first φ loop with the start-up vectors.
using RowSwitchScanner = std::function<long long(int slow, long long firstPhiPixel)>;

// Engines may pass a faster scanner; the default evaluates pixel by pixel (ReferencePixel) in
// `precision`.
SequentialFacts computeSequentialFacts(const Experiment& e, const RowSwitchScanner& scanner = {},
                                       Precision precision = Precision::Float64);

}  // namespace bragg
