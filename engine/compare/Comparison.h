#pragma once
// The comparison core: how far apart two images are, and a verdict. Used by `bragg compare`,
// `bragg parity`, the GUI's metrics panel and the tests alike.
#include <optional>
#include <string>
#include <vector>

#include "compare/Metrics.h"
#include "compare/NoiseFloor.h"
#include "compare/NonFinite.h"
#include "compare/Orientation.h"
#include "compare/Peaks.h"
#include "compare/PixelGate.h"
#include "compare/Regions.h"
#include "compare/Thresholds.h"
#include "setup/Setup.h"
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

enum class Verdict { Pass, Blocked };

struct Comparison {
    BasicMetrics metrics;        // max|Δ| position in full-image pixels, also with an ROI
    NonFiniteSummary nonFinite;  // positions in full-image pixels, also with an ROI
    PeakMatch peaks;
    PeakOptions peakOptions;
    Thresholds thresholds;
    std::optional<Roi> roi;        // resolved bounds, if one was given
    int fpixels = 0, spixels = 0;  // full image size
    Verdict verdict = Verdict::Blocked;
    // One line per non-finite mismatch group ("candidate has NaN at 3 pixels where the reference is
    // finite, first at fast 12, slow 40"), then one per failed threshold ("pearson 0.72 < 0.9999").
    std::vector<std::string> failures;
    std::optional<RegionReport> regions;  // addRegions(): where and how the images part
    // The two sides' derived set-ups compared (the comparison-run layer, when both report one). A
    // difference leaves the verdict alone; it is named first as the most likely cause.
    std::optional<setup::SetupComparison> setup;
    // The 8 transposes and flips, tried when pearson fails or the sizes are swapped (a swapped
    // candidate that one of them explains is compared in the reference's frame).
    std::optional<OrientationCheck> orientation;
    std::optional<PixelGate> pixelGate;  // thresholds.pixelGate(): failing pixels block the verdict
    // Run-to-run noise of a side run twice (--repeat-check; applyNoiseFloors).
    std::optional<NoiseFloor> referenceNoise, candidateNoise;
    std::string withinNoise;  // why the difference is within a side's noise floor, else empty

    double maxAbsDiffRelative() const;  // max|Δ| / max|A| (0 if A is all zero and so is Δ)
};

// Throws Error(Usage) if the sizes differ and are not swapped. A candidate of swapped size is
// compared after the transpose checkOrientation finds, BLOCKED with its line; if none matches, the
// comparison is BLOCKED with only c.orientation filled (the run layer reports a size mismatch).
// With an ROI, metrics use only the pixels inside it.
// Pixels non-finite in both images with the same class agree; the metrics cover the pixels finite
// in both; any other non-finite pixel blocks the verdict.
Comparison compareImages(const Image& reference, const Image& candidate, const Thresholds& thresholds,
                         const std::optional<Roi>& roi = std::nullopt, const PeakOptions& peaks = {});

// Fills c.regions from the images c was computed on (over c's ROI, if any). dSpacingA, one value
// per pixel of the full image (compare/DSpacingMap.h), gives the shells; without it they are
// skipped and c.regions->shellsSkipped says so. Leaves the verdict alone. Throws Error(Usage) for
// bad options or a map of the wrong size.
void addRegions(Comparison& c, const Image& reference, const Image& candidate, const RegionOptions& options,
                const std::vector<double>* dSpacingA = nullptr);

// Sets c.withinNoise when c's difference is within a non-deterministic side's noise floor (the
// candidate's first); the verdict stays what the thresholds say, its reason line says so.
void applyNoiseFloors(Comparison& c);

// The lines that say why beside the numbers, each "<label>: <text>": orientation, per-pixel gate,
// noise floor (one per side run twice), within noise. For the text reports of compare and parity.
std::vector<std::string> whyLines(const Comparison& c);

const char* toString(Verdict v);  // "PASS" / "BLOCKED"

}  // namespace bragg
