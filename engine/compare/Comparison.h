#pragma once
// The comparison core: how far apart two images are, and a verdict. Used by `bragg compare`,
// `bragg parity`, the GUI's metrics panel and the tests alike.
#include <optional>
#include <string>
#include <vector>

#include "compare/Metrics.h"
#include "compare/NonFinite.h"
#include "compare/Peaks.h"
#include "core/Image.h"

namespace bragg {

struct Roi {
    int xmin = 0, xmax = -1, ymin = 0, ymax = -1;  // inclusive fast (x) / slow (y) pixel bounds
    bool operator==(const Roi&) const = default;
};

// A negative xmax/ymax means "to the last pixel". Throws Error(Usage) if the ROI is empty or
// reaches outside a fpixels × spixels image.
Roi resolveRoi(const Roi& roi, int fpixels, int spixels);

// The pixels of `image` inside an already resolved ROI, as an image of their own.
Image cropImage(const Image& image, const Roi& roi);

struct Thresholds {
    double pearsonMin = 0.9999;       // correlation must be at least this
    double sumRatioTol = 1e-3;        // |sum(B)/sum(A) − 1| at most this
    double maxAbsDiffRel = 0;         // max|Δ| ≤ this · max(A); 0 disables the check
    double peakDistanceMax = 1.0;     // mean nearest-peak distance (px) at most this; < 0 disables
    bool operator==(const Thresholds&) const = default;
};

enum class Verdict { Pass, Blocked };

struct Comparison {
    BasicMetrics metrics;             // max|Δ| position in full-image pixels, also with an ROI
    NonFiniteSummary nonFinite;       // positions in full-image pixels, also with an ROI
    PeakMatch peaks;
    PeakOptions peakOptions;
    Thresholds thresholds;
    std::optional<Roi> roi;           // resolved bounds, if one was given
    int fpixels = 0, spixels = 0;     // full image size
    Verdict verdict = Verdict::Blocked;
    // One line per non-finite mismatch group ("candidate has NaN at 3 pixels where the reference is
    // finite, first at fast 12, slow 40"), then one per failed threshold ("pearson 0.72 < 0.9999").
    std::vector<std::string> failures;

    double maxAbsDiffRelative() const;  // max|Δ| / max|A| (0 if A is all zero and so is Δ)
};

// Throws Error(Usage) if the sizes differ. With an ROI, metrics use only the pixels inside it.
// Pixels non-finite in both images with the same class agree; the metrics cover the pixels finite
// in both; any other non-finite pixel blocks the verdict.
Comparison compareImages(const Image& reference, const Image& candidate, const Thresholds& thresholds,
                         const std::optional<Roi>& roi = std::nullopt, const PeakOptions& peaks = {});

// The failed-threshold lines for given metrics (empty = PASS). compareImages uses it; so can a
// caller that changes thresholds after the fact.
std::vector<std::string> checkThresholds(const BasicMetrics& m, const PeakMatch& p, const Thresholds& t);

const char* toString(Verdict v);  // "PASS" / "BLOCKED"

}  // namespace bragg
