#include "display/Scale.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace bragg::display {

double IntensityTransform::forward(double v) const {
    switch (kind) {
        case ScaleKind::Linear:
            return v;
        case ScaleKind::Sqrt:
            return v < 0 ? -std::sqrt(-v) : std::sqrt(v);
        case ScaleKind::Log:
            return std::log10(std::max(v, logFloor));
    }
    return v;
}

double IntensityTransform::inverse(double t) const {
    switch (kind) {
        case ScaleKind::Linear:
            return t;
        case ScaleKind::Sqrt:
            return t < 0 ? -t * t : t * t;
        case ScaleKind::Log:
            return std::pow(10.0, t);
    }
    return t;
}

double percentile(std::vector<float> values, double percent) {
    std::erase_if(values, [](float v) { return !std::isfinite(v); });
    if (values.empty()) return 0;
    const double p = std::clamp(percent, 0.0, 100.0) / 100.0;
    const auto rank = std::size_t(std::ceil(p * double(values.size())));
    const std::size_t k = std::min(values.size() - 1, rank == 0 ? 0 : rank - 1);
    std::nth_element(values.begin(), values.begin() + std::ptrdiff_t(k), values.end());
    return values[k];
}

DisplayRange intensityRange(const Image& image, ScaleKind kind, double clipPercent,
                            IntensityTransform* transformOut) {
    return intensityRange(std::vector<const Image*>{&image}, kind, clipPercent, transformOut);
}

DisplayRange intensityRange(const std::vector<const Image*>& images, ScaleKind kind, double clipPercent,
                            IntensityTransform* transformOut) {
    std::vector<float> pooled;
    double lowest = 0, smallestPositive = 0;
    bool any = false;
    for (const Image* image : images) {
        if (!image) continue;
        pooled.insert(pooled.end(), image->pixels.begin(), image->pixels.end());
        for (float v : image->pixels) {
            if (!std::isfinite(v)) continue;
            lowest = any ? std::min(lowest, double(v)) : double(v);
            any = true;
            if (v > 0 && (smallestPositive == 0 || v < smallestPositive)) smallestPositive = v;
        }
    }
    const double clip = percentile(std::move(pooled), clipPercent);
    IntensityTransform t{kind};
    if (kind == ScaleKind::Log) {
        t.logFloor = smallestPositive > 0 ? std::max(smallestPositive, clip * 1e-6) : 1e-6;
        lowest = t.logFloor;
    }
    DisplayRange r{t.forward(lowest), t.forward(std::max(clip, lowest))};
    if (!(r.upper > r.lower)) r.upper = r.lower + 1;  // flat image: any non-empty range
    if (transformOut) *transformOut = t;
    return r;
}

DisplayRange symmetricRange(const Image& image, const IntensityTransform& transform, double clipPercent) {
    std::vector<float> magnitudes(image.pixels.size());
    std::transform(image.pixels.begin(), image.pixels.end(), magnitudes.begin(),
                   [](float v) { return std::fabs(v); });
    double largest = 0;
    for (float v : magnitudes)
        if (std::isfinite(v)) largest = std::max(largest, double(v));
    // Sparse differences (a few pixels) have a zero percentile: fall back to max|Δ|, then 1.
    double clip = percentile(std::move(magnitudes), clipPercent);
    if (!(clip > 0)) clip = largest;
    double m = std::fabs(transform.forward(clip));
    if (!(m > 0)) m = 1;
    return {-m, m};
}

}  // namespace bragg::display
