#include "display/Difference.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace bragg::display {

std::optional<Image> differenceImage(const Image& reference, const Image& candidate, DifferenceKind kind) {
    if (reference.fpixels != candidate.fpixels || reference.spixels != candidate.spixels) return std::nullopt;
    Image out(reference.fpixels, reference.spixels);
    double maxRef = 0;  // of the finite pixels: one +inf must not flatten every relative Δ to 0
    for (float v : reference.pixels)
        if (std::isfinite(v)) maxRef = std::max(maxRef, double(std::fabs(v)));
    const double floor = maxRef > 0 ? 1e-3 * maxRef : 1.0;
    constexpr double kMax = std::numeric_limits<float>::max();
    for (std::size_t i = 0; i < out.pixels.size(); ++i) {
        const double r = reference.pixels[i], c = candidate.pixels[i];
        const double d = c - r;  // NaN or ±inf if either side is
        double v = d;
        switch (kind) {
            case DifferenceKind::Signed:
                break;
            case DifferenceKind::Absolute:
                v = std::fabs(d);
                break;
            case DifferenceKind::Relative:
                v = d / std::max(std::fabs(r), floor);
                break;
        }
        // A finite pair stays finite (saturated): only non-finite inputs show as non-finite.
        if (std::isfinite(r) && std::isfinite(c)) v = std::clamp(v, -kMax, kMax);
        out.pixels[i] = float(v);
    }
    return out;
}

int swipeFirstRightColumn(double dividerFast, int fpixels) {
    return int(std::clamp(std::ceil(dividerFast), 0.0, double(fpixels)));
}

Image swipeImage(const Image& left, const Image& right, double dividerFast) {
    Image out = left;
    const int first = swipeFirstRightColumn(dividerFast, left.fpixels);
    for (int s = 0; s < out.spixels; ++s)
        std::copy(right.pixels.begin() +
                      std::ptrdiff_t(std::size_t(s) * std::size_t(right.fpixels) + std::size_t(first)),
                  right.pixels.begin() + std::ptrdiff_t(std::size_t(s + 1) * std::size_t(right.fpixels)),
                  out.pixels.begin() +
                      std::ptrdiff_t(std::size_t(s) * std::size_t(out.fpixels) + std::size_t(first)));
    return out;
}

}  // namespace bragg::display
