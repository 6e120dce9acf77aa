#include "compare/SpotMetrics.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <optional>

#include "core/Error.h"

namespace bragg {
namespace {

struct Centroid {
    double fast, slow;
};

// Intensity centroid (positive finite values) of the disc of radius r around the peak.
std::optional<Centroid> centroid(const Image& image, const Peak& peak, int r) {
    double sum = 0, sumF = 0, sumS = 0;
    for (int s = peak.slow - r; s <= peak.slow + r; ++s)
        for (int f = peak.fast - r; f <= peak.fast + r; ++f) {
            const int df = f - peak.fast, ds = s - peak.slow;
            if (df * df + ds * ds > r * r || f < 0 || s < 0 || f >= image.fpixels || s >= image.spixels)
                continue;
            const float v = image.at(f, s);
            if (!(v > 0) || !std::isfinite(v)) continue;
            sum += v;
            sumF += v * df;
            sumS += v * ds;
        }
    if (!(sum > 0)) return std::nullopt;
    return Centroid{sumF / sum, sumS / sum};
}

}  // namespace

SpotMetrics spotMetrics(const Image& reference, const Image& candidate, const SpotOptions& options) {
    SpotMetrics out;
    if (reference.fpixels != candidate.fpixels || reference.spixels != candidate.spixels)
        throw usageError("spots: image sizes differ");
    const std::vector<Peak> peaks = findPeaks(reference, options.peaks);
    out.peaks = int(peaks.size());
    std::vector<std::uint8_t> isSpot(reference.size(), 0);
    const int r = std::max(0, options.radiusPx);
    double shiftSum = 0;
    for (const Peak& p : peaks) {
        for (int ds = -r; ds <= r; ++ds)
            for (int df = -r; df <= r; ++df) {
                const int f = p.fast + df, s = p.slow + ds;
                if (df * df + ds * ds <= r * r && f >= 0 && s >= 0 && f < reference.fpixels &&
                    s < reference.spixels)
                    isSpot[std::size_t(s) * std::size_t(reference.fpixels) + std::size_t(f)] = 1;
            }
        // One pixel wider than the spot mask, so a spot that moved by under a pixel is not cut off.
        const std::optional<Centroid> a = centroid(reference, p, r + 1), b = centroid(candidate, p, r + 1);
        if (!a || !b) continue;
        shiftSum += std::hypot(b->fast - a->fast, b->slow - a->slow);
        ++out.centroidSpots;
    }
    if (out.centroidSpots > 0) out.meanCentroidShiftPx = shiftSum / out.centroidSpots;
    std::vector<std::uint32_t> spots, background;
    for (std::size_t i = 0; i < isSpot.size(); ++i)
        (isSpot[i] ? spots : background).push_back(std::uint32_t(i));
    out.spots = basicMetrics(reference, candidate, spots);
    out.background = basicMetrics(reference, candidate, background);
    const double spotSse = out.spots.mse * double(out.spots.finitePixels);
    const double totalSse = spotSse + out.background.mse * double(out.background.finitePixels);
    out.spotSquaredDiffFraction = totalSse > 0 ? spotSse / totalSse : 0.0;
    return out;
}

}  // namespace bragg
