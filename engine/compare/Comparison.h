#pragma once
// The comparison core: how far apart two images are, and a verdict. Used by `bragg compare`,
// `bragg parity`, the GUI's metrics panel and the tests alike.
#include <optional>
#include <string>
#include <vector>

#include "compare/Metrics.h"
#include "core/Image.h"

namespace bragg {

struct Roi {
    int xmin = 0, xmax = -1, ymin = 0, ymax = -1;  // inclusive fast (x) / slow (y) pixel bounds
};

struct Thresholds {
    double pearsonMin = 0.9999;       // correlation must be at least this
    double sumRatioTol = 1e-3;        // |sum(B)/sum(A) − 1| at most this
    double maxAbsDiffRel = 0;         // max|Δ| ≤ this · max(A); 0 disables the check
    double peakDistanceMax = 1.0;     // mean nearest-peak distance (px) at most this; < 0 disables
    bool operator==(const Thresholds&) const = default;
};

struct PeakMatch {
    int peaksReference = 0, peaksCandidate = 0;
    double meanDistance = 0, maxDistance = 0;  // pixels, reference peak → nearest candidate peak
    double fractionWithin1px = 0;
};

enum class Verdict { Pass, Blocked };

struct Comparison {
    BasicMetrics metrics;
    PeakMatch peaks;
    Thresholds thresholds;
    std::optional<Roi> roi;
    Verdict verdict = Verdict::Blocked;
    std::vector<std::string> failures;  // one line per failed threshold, e.g. "pearson 0.72 < 0.9999"
};

// Throws Error(Usage) if the sizes differ. With an ROI, metrics use only the pixels inside it.
Comparison compareImages(const Image& reference, const Image& candidate, const Thresholds& thresholds,
                         const std::optional<Roi>& roi = std::nullopt);

const char* toString(Verdict v);  // "PASS" / "BLOCKED"

}  // namespace bragg
