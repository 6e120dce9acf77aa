#include "compare/NoiseFloor.h"

#include <cmath>
#include <cstdio>

#include "compare/NonFinite.h"

namespace bragg {

NoiseFloor noiseFloor(const Image& firstRun, const Image& secondRun) {
    const BasicMetrics m = basicMetrics(firstRun, secondRun);  // throws for differing sizes
    NoiseFloor n;
    n.pixels = firstRun.size();
    for (std::size_t i = 0; i < firstRun.size(); ++i) {
        const float a = firstRun.pixels[i], b = secondRun.pixels[i];
        // Equal, or the same non-finite class (NaN payloads may differ).
        const bool same = a == b || (!std::isfinite(a) && classify(a) == classify(b));
        n.differingPixels += !same;
    }
    n.deterministic = n.differingPixels == 0;
    n.pearson = n.deterministic ? 1.0 : m.pearson;
    n.maxAbsDiff = m.maxAbsDiff;
    return n;
}

bool withinNoiseFloor(const BasicMetrics& m, const NoiseFloor& n) {
    return !n.deterministic && m.pearson >= n.pearson && m.maxAbsDiff <= n.maxAbsDiff;
}

std::string describe(const NoiseFloor& n, const std::string& side) {
    if (n.deterministic) return side + " is deterministic (two runs equal at every pixel)";
    char buffer[256];
    std::snprintf(buffer, sizeof buffer,
                  " is not deterministic: run-to-run pearson %.9g, max|diff| %.6g (%zu of %zu pixels differ)",
                  n.pearson, n.maxAbsDiff, n.differingPixels, n.pixels);
    return side + buffer;
}

}  // namespace bragg
