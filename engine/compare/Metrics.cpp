#include "compare/Metrics.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "core/Error.h"

namespace bragg {

namespace {

void requireSameSize(const Image& a, const Image& b) {
    if (a.fpixels != b.fpixels || a.spixels != b.spixels)
        throw usageError("image sizes differ: " + std::to_string(a.fpixels) + "x" +
                         std::to_string(a.spixels) + " vs " + std::to_string(b.fpixels) + "x" +
                         std::to_string(b.spixels));
}

// pixelAt(k) for k < count names the pixels covered, in the order summed (so the whole image and
// an index list of every pixel give the same bits).
template <class PixelAt>
BasicMetrics metricsOver(const Image& a, const Image& b, std::size_t count, PixelAt pixelAt) {
    BasicMetrics m;
    m.pixels = count;
    const auto bothFinite = [&](std::size_t i) {
        return std::isfinite(a.pixels[i]) && std::isfinite(b.pixels[i]);
    };
    std::size_t finite = 0;
    double sa = 0, sb = 0, maxA = -INFINITY;
    for (std::size_t k = 0; k < count; ++k) {
        const std::size_t i = pixelAt(k);
        if (!bothFinite(i)) continue;
        ++finite;
        sa += a.pixels[i];
        sb += b.pixels[i];
        maxA = std::max(maxA, double(a.pixels[i]));
        m.maxAbsA = std::max(m.maxAbsA, std::fabs(double(a.pixels[i])));
    }
    m.finitePixels = finite;
    if (finite == 0) {
        m.pearson = 1;  // nothing finite to disagree on; the non-finite summary judges the rest
        m.sumRatio = 1;
        return m;
    }
    const double meanA = sa / double(finite), meanB = sb / double(finite);
    double sab = 0, saa = 0, sbb = 0, sse = 0;
    for (std::size_t k = 0; k < count; ++k) {
        const std::size_t i = pixelAt(k);
        if (!bothFinite(i)) continue;
        const double da = double(a.pixels[i]) - meanA, db = double(b.pixels[i]) - meanB;
        sab += da * db;
        saa += da * da;
        sbb += db * db;
        const double diff = double(b.pixels[i]) - double(a.pixels[i]);
        sse += diff * diff;
        if (std::fabs(diff) > m.maxAbsDiff) {
            m.maxAbsDiff = std::fabs(diff);
            m.maxAbsDiffFast = int(i % a.fpixels);
            m.maxAbsDiffSlow = int(i / a.fpixels);
        }
    }
    m.sumA = sa;
    m.sumB = sb;
    m.sumRatio = sa != 0 ? sb / sa : (sb == 0 ? 1.0 : INFINITY);
    if (saa > 0 && sbb > 0)
        m.pearson = sab / (std::sqrt(saa) * std::sqrt(sbb));
    else if (saa == 0 && sbb == 0) {
        // Correlation is undefined for two constant images (a flat or one-pixel region): their
        // agreement is 1 − their relative difference, so equal constants give 1 and rounding-level
        // differences pass the correlation gate while real ones fail it.
        const double scale = std::max(std::fabs(meanA), std::fabs(meanB));
        m.pearson = scale > 0 ? std::max(0.0, 1.0 - std::fabs(meanB - meanA) / scale) : 1.0;
    } else {
        m.pearson = 0;  // one constant, one not: uncorrelated
    }
    m.maxA = maxA;
    m.mse = sse / double(finite);
    m.rmse = std::sqrt(m.mse);
    return m;
}

}  // namespace

BasicMetrics basicMetrics(const Image& a, const Image& b) {
    requireSameSize(a, b);
    return metricsOver(a, b, a.size(), [](std::size_t k) { return k; });
}

BasicMetrics basicMetrics(const Image& a, const Image& b, const std::vector<std::uint32_t>& pixelIndices) {
    requireSameSize(a, b);
    for (std::uint32_t i : pixelIndices)
        if (i >= a.size()) throw usageError("pixel index " + std::to_string(i) + " outside the image");
    return metricsOver(a, b, pixelIndices.size(),
                       [&](std::size_t k) { return std::size_t(pixelIndices[k]); });
}

}  // namespace bragg
