#include "compare/ColorMap.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

#include "compare/Percentile.h"
#include "core/Error.h"

namespace bragg {
namespace {

using Rgb = std::array<double, 3>;

// Evenly spaced anchors, linearly interpolated; t outside [0, 1] is clamped, NaN maps to t = 0.
template <std::size_t N>
Rgb lookup(const std::array<Rgb, N>& anchors, double t) {
    if (!(t > 0)) return anchors.front();
    if (t >= 1) return anchors.back();
    const double x = t * double(N - 1);
    const std::size_t i = std::size_t(x);
    const double w = x - double(i);
    Rgb c;
    for (int k = 0; k < 3; ++k) c[k] = anchors[i][k] * (1 - w) + anchors[i + 1][k] * w;
    return c;
}

// Samples of matplotlib's viridis at t = 0, 1/8, ..., 1.
constexpr std::array<Rgb, 9> kViridis{{{68, 1, 84},
                                       {71, 44, 122},
                                       {59, 81, 139},
                                       {44, 113, 142},
                                       {33, 144, 141},
                                       {39, 173, 129},
                                       {92, 200, 99},
                                       {170, 220, 50},
                                       {253, 231, 37}}};

// ColorBrewer RdBu (11 classes), from blue (negative) through near-white to red (positive).
constexpr std::array<Rgb, 11> kRedBlue{{{5, 48, 97},
                                        {33, 102, 172},
                                        {67, 147, 195},
                                        {146, 197, 222},
                                        {209, 229, 240},
                                        {247, 247, 247},
                                        {253, 219, 199},
                                        {244, 165, 130},
                                        {214, 96, 77},
                                        {178, 24, 43},
                                        {103, 0, 31}}};

void put(RgbImage& out, std::size_t i, const Rgb& c) {
    for (int k = 0; k < 3; ++k) out.rgb[3 * i + std::size_t(k)] = std::uint8_t(std::lround(std::clamp(c[k], 0.0, 255.0)));
}

void putNonFinite(RgbImage& out, std::size_t i) {
    for (std::size_t k = 0; k < 3; ++k) out.rgb[3 * i + k] = kNonFiniteRgb[k];
}

RgbImage blank(const Image& image) {
    RgbImage out;
    out.width = image.fpixels;
    out.height = image.spixels;
    out.rgb.assign(image.size() * 3, 0);
    return out;
}

}  // namespace

DisplayRange sharedDisplayRange(const std::vector<const Image*>& images, double clipPercentile, DisplayScaling scaling) {
    const double clip = std::clamp(clipPercentile, 50.0, 100.0);
    DisplayRange r;
    r.scaling = scaling;
    r.low = pooledPercentile(images, 100 - clip);
    r.high = pooledPercentile(images, clip);
    if (!(r.high > r.low)) r.high = r.low + 1;  // constant images: anything, but not a zero span
    return r;
}

double displayPosition(double value, const DisplayRange& range) {
    const double span = range.high - range.low;
    const double x = std::clamp((value - range.low) / span, 0.0, 1.0);
    if (range.scaling == DisplayScaling::Linear) return x;
    // Three decades: the top 0.1% of the span is as far from the 1% level as that is from 0.
    constexpr double kDecades = 1000;
    return std::log1p(kDecades * x) / std::log1p(kDecades);
}

RgbImage renderIntensity(const Image& image, const DisplayRange& range) {
    RgbImage out = blank(image);
    for (std::size_t i = 0; i < image.size(); ++i) {
        const double v = image.pixels[i];
        if (std::isfinite(v))
            put(out, i, lookup(kViridis, displayPosition(v, range)));
        else
            putNonFinite(out, i);
    }
    return out;
}

Image differenceImage(const Image& reference, const Image& candidate) {
    if (reference.fpixels != candidate.fpixels || reference.spixels != candidate.spixels)
        throw usageError("difference of images of different sizes");
    Image d(reference.fpixels, reference.spixels);
    constexpr double kMax = std::numeric_limits<float>::max();
    for (std::size_t i = 0; i < d.size(); ++i) {
        const double c = candidate.pixels[i], r = reference.pixels[i];
        const double delta = c - r;  // NaN or ±inf if either side is
        d.pixels[i] = float(std::isfinite(c) && std::isfinite(r) ? std::clamp(delta, -kMax, kMax) : delta);
    }
    return d;
}

double symmetricLimit(const Image& difference, double clipPercentile) {
    Image magnitude = difference;
    double largest = 0;
    for (float& v : magnitude.pixels) {
        v = std::fabs(v);
        if (std::isfinite(v)) largest = std::max(largest, double(v));
    }
    const double limit = pooledPercentile({&magnitude}, std::clamp(clipPercentile, 0.0, 100.0));
    if (limit > 0) return limit;
    return largest > 0 ? largest : 1.0;
}

RgbImage renderDifference(const Image& difference, double limit) {
    RgbImage out = blank(difference);
    const double l = limit > 0 ? limit : 1.0;
    for (std::size_t i = 0; i < difference.size(); ++i) {
        const double v = difference.pixels[i];
        if (std::isfinite(v))
            put(out, i, lookup(kRedBlue, 0.5 + 0.5 * std::clamp(v / l, -1.0, 1.0)));
        else
            putNonFinite(out, i);
    }
    return out;
}

}  // namespace bragg
