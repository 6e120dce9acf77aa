#pragma once
// The verdict's thresholds and their check, shared by the whole comparison and its regions (tiles,
// shells, spots), which are judged by the same numbers.
#include <string>
#include <vector>

#include "compare/Metrics.h"
#include "compare/Peaks.h"

namespace bragg {

struct Thresholds {
    double pearsonMin = 0.9999;    // correlation must be at least this
    double sumRatioTol = 1e-3;     // |sum(B)/sum(A) − 1| at most this
    double maxAbsDiffRel = 0;      // max|Δ| ≤ this · max(A); 0 disables the check
    double peakDistanceMax = 1.0;  // mean nearest-peak distance (px) at most this; < 0 disables
    // The per-pixel gate (compare/PixelGate.h), |c − r| <= atol + rtol·|r| at every pixel: on when
    // either is >= 0 (the other then counts as 0); negative disables.
    double atol = -1, rtol = -1;
    bool pixelGate() const { return atol >= 0 || rtol >= 0; }
    bool operator==(const Thresholds&) const = default;
};

// The failed-threshold lines for given metrics (empty = PASS). compareImages and the tiles use
// it; so can a caller that changes thresholds after the fact. With no reference peaks
// (p.peaksReference == 0) the peak distance is not checked.
std::vector<std::string> checkThresholds(const BasicMetrics& m, const PeakMatch& p, const Thresholds& t);

}  // namespace bragg
