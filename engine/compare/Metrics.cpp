#include "compare/Metrics.h"

#include <cmath>
#include <string>

#include "core/Error.h"

namespace bragg {

BasicMetrics basicMetrics(const Image& a, const Image& b) {
    if (a.fpixels != b.fpixels || a.spixels != b.spixels)
        throw usageError("image sizes differ: " + std::to_string(a.fpixels) + "x" + std::to_string(a.spixels) +
                         " vs " + std::to_string(b.fpixels) + "x" + std::to_string(b.spixels));
    BasicMetrics m;
    const std::size_t n = a.size();
    m.pixels = n;
    if (n == 0) return m;
    double sa = 0, sb = 0, maxA = -INFINITY;
    for (std::size_t i = 0; i < n; ++i) {
        sa += a.pixels[i];
        sb += b.pixels[i];
        maxA = std::max(maxA, double(a.pixels[i]));
    }
    const double meanA = sa / double(n), meanB = sb / double(n);
    double sab = 0, saa = 0, sbb = 0, sse = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const double da = a.pixels[i] - meanA, db = b.pixels[i] - meanB;
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
    if (saa > 0 && sbb > 0) m.pearson = sab / std::sqrt(saa * sbb);
    else m.pearson = (saa == 0 && sbb == 0 && sse == 0) ? 1.0 : 0.0;
    m.maxA = maxA;
    m.mse = sse / double(n);
    m.rmse = std::sqrt(m.mse);
    return m;
}

}  // namespace bragg
