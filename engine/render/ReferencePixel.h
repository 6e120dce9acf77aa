#pragma once
// One pixel evaluated exactly as docs/physics.md §13 writes it: nanoBragg's loop order, scalar
// double precision, every quirk. The reference engine is a parallel loop over this function.
#include "model/Experiment.h"
#include "trace/PixelTrace.h"

namespace bragg {

// The real type of the per-pixel arithmetic: nanoBragg's double, or float as a float32 port
// computes (same loop order, every per-pixel quantity rounded to float).
enum class Precision { Float64, Float32 };

struct PixelStart {
    bool phiFresh = false;         // this pixel may run the run's very first φ loop (docs/physics.md §7.1)
    bool interpolationOn = false;  // the sticky interpolation switch at the start of the pixel
};

struct PixelResult {
    double value = 0;                       // photons (before rounding to float)
    bool interpolationSwitchedOff = false;  // an out-of-range evaluation reached F_cell
};

// Full evaluation of pixel (fast, slow); a tracer, if given, records its intermediate values.
PixelResult referencePixel(const Experiment& e, int fast, int slow, PixelStart start,
                           PixelTracer* tracer = nullptr, Precision precision = Precision::Float64);

// Cheap pass for SequentialFacts: stops at the first out-of-range interpolation that reaches the
// F_cell step (returns true), without accumulating anything.
bool pixelSwitchesInterpolationOff(const Experiment& e, int fast, int slow, bool phiFresh,
                                   Precision precision = Precision::Float64);

// d_min cut of docs/physics.md §8 for one (sub-pixel direction, source).
bool cutByDminAt(const Experiment& e, const Vec3& diffracted, const Source& source);

// True if some (layer, sub-pixel, source) of the pixel survives the d_min cut, i.e. the pixel
// runs at least one φ loop.
bool pixelRunsPhiLoop(const Experiment& e, int fast, int slow);

}  // namespace bragg
