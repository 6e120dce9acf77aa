#pragma once
// A side that is not deterministic (two runs on the same flags differ: its own RNG seeded from the
// clock, a parallel reduction in arrival order) has a run-to-run noise floor. A reference-vs-
// candidate difference no larger than it is noise, not a defect of the port.
#include <cstddef>
#include <string>

#include "compare/Metrics.h"
#include "core/Image.h"

namespace bragg {

struct NoiseFloor {
    bool deterministic = true;  // the two runs are equal at every pixel (shared NaNs included)
    double pearson = 1;         // first run vs second run
    double maxAbsDiff = 0;      // max |second − first|
    std::size_t differingPixels = 0;
    std::size_t pixels = 0;
};

// Two runs of one side on the same flags. Throws Error(Usage) if their sizes differ.
NoiseFloor noiseFloor(const Image& firstRun, const Image& secondRun);

// The reference-vs-candidate metrics are within a non-deterministic side's noise: their Pearson
// is at least the run-to-run one and their max|Δ| at most the run-to-run one.
bool withinNoiseFloor(const BasicMetrics& m, const NoiseFloor& n);

// "candidate is not deterministic: run-to-run pearson 0.9995, max|Δ| 12.3 (4021 of 4096 pixels differ)"
// or "candidate is deterministic (two runs equal at every pixel)".
std::string describe(const NoiseFloor& n, const std::string& side);

}  // namespace bragg
