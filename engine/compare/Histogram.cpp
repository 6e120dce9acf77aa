#include "compare/Histogram.h"

#include <algorithm>
#include <cmath>

#include "core/Error.h"

namespace bragg {

Histogram histogram(const Image& values, int bins, const std::optional<Roi>& roi) {
    if (bins < 1) throw usageError("histogram: expected at least one bin, got " + std::to_string(bins));
    const Roi r = resolveRoi(roi.value_or(Roi{}), values.fpixels, values.spixels);
    Histogram h;
    h.counts.assign(std::size_t(bins), 0);
    double low = INFINITY, high = -INFINITY;
    for (int s = r.ymin; s <= r.ymax; ++s)
        for (int f = r.xmin; f <= r.xmax; ++f) {
            const double v = values.at(f, s);
            if (!std::isfinite(v)) {
                ++h.nonFinite;
                continue;
            }
            low = std::min(low, v);
            high = std::max(high, v);
        }
    if (low > high) return h;  // no finite value
    if (low == high) low -= 0.5, high += 0.5;
    h.lower = low;
    h.upper = high;
    const double width = h.binWidth();
    for (int s = r.ymin; s <= r.ymax; ++s)
        for (int f = r.xmin; f <= r.xmax; ++f) {
            const double v = values.at(f, s);
            if (!std::isfinite(v)) continue;
            const std::size_t bin = std::size_t(std::max(0.0, std::floor((v - low) / width)));
            ++h.counts[std::min(h.counts.size() - 1, bin)];
        }
    return h;
}

}  // namespace bragg
