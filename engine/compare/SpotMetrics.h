#pragma once
// The comparison metrics on the reference's spots and on the rest apart: structure factors and the
// lattice factor change only the spots, while a background term changes the rest.
#include <vector>

#include "compare/Metrics.h"
#include "compare/Peaks.h"
#include "core/Image.h"

namespace bragg {

struct SpotOptions {
    // The spots are the reference's local maxima (compare/Peaks.h) above this percentile: many
    // more than the verdict's peak match keeps, so dim spots do not count as background (a
    // noise-free image's flat background has no local maxima to add).
    PeakOptions peaks{10000, 90.0};
    int radiusPx = 2;  // each peak's disc of this radius is spot; the rest is background
    bool operator==(const SpotOptions&) const = default;
};

struct SpotMetrics {
    int peaks = 0;  // reference peaks found
    BasicMetrics spots, background;
    double spotSquaredDiffFraction = 0;  // Σ Δ² on the spots / Σ Δ² everywhere (0 when Δ = 0)
    // Mean distance between each spot's intensity centroid in the reference and in the candidate
    // (positive finite values in the disc of radiusPx + 1 around the reference peak; spots with
    // nothing positive in either image are left out): ~0 when only spot intensities change,
    // the displacement when spots move. Unlike the verdict's top-N peak match it does not count a
    // spot that merely dimmed as moved.
    double meanCentroidShiftPx = 0;
    int centroidSpots = 0;  // spots in that mean
};

// Throws Error(Usage) if the sizes differ.
SpotMetrics spotMetrics(const Image& reference, const Image& candidate, const SpotOptions& options);

}  // namespace bragg
