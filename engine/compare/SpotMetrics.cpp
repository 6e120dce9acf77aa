#include "compare/SpotMetrics.h"

#include <algorithm>
#include <cstdint>

#include "core/Error.h"

namespace bragg {

SpotMetrics spotMetrics(const Image& reference, const Image& candidate, const SpotOptions& options) {
    SpotMetrics out;
    if (reference.fpixels != candidate.fpixels || reference.spixels != candidate.spixels)
        throw usageError("spots: image sizes differ");
    const std::vector<Peak> peaks = findPeaks(reference, options.peaks);
    out.peaks = int(peaks.size());
    std::vector<std::uint8_t> isSpot(reference.size(), 0);
    const int r = std::max(0, options.radiusPx);
    for (const Peak& p : peaks)
        for (int ds = -r; ds <= r; ++ds)
            for (int df = -r; df <= r; ++df) {
                const int f = p.fast + df, s = p.slow + ds;
                if (df * df + ds * ds > r * r || f < 0 || s < 0 || f >= reference.fpixels ||
                    s >= reference.spixels)
                    continue;
                isSpot[std::size_t(s) * std::size_t(reference.fpixels) + std::size_t(f)] = 1;
            }
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
