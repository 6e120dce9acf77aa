#include "compare/Percentile.h"

#include <algorithm>
#include <cmath>

namespace bragg {

double percentileInPlace(std::vector<float>& values, double p) {
    if (values.empty()) return 0;
    p = std::clamp(p, 0.0, 100.0);
    const double rank = p / 100.0 * double(values.size() - 1);
    const std::size_t lo = std::size_t(std::floor(rank));
    std::nth_element(values.begin(), values.begin() + std::ptrdiff_t(lo), values.end());
    const double low = values[lo];
    if (lo + 1 >= values.size()) return low;
    // After nth_element everything beyond lo is >= values[lo]; the next order statistic is their min.
    const double high = *std::min_element(values.begin() + std::ptrdiff_t(lo) + 1, values.end());
    return low + (rank - double(lo)) * (high - low);
}

double pooledPercentile(const std::vector<const Image*>& images, double p) {
    std::vector<float> values;
    for (const Image* image : images)
        for (float v : image->pixels)
            if (std::isfinite(v)) values.push_back(v);
    return percentileInPlace(values, p);
}

}  // namespace bragg
