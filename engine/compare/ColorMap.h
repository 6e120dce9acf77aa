#pragma once
// Images for people: float images → 8-bit RGB with a shared, percentile-clipped scale (linear or
// log) and a signed diverging map for differences. Pure C++, so the CLI's PNGs and the GUI's
// panels show the same colours.
#include <array>
#include <cstdint>
#include <vector>

#include "core/Image.h"

namespace bragg {

struct RgbImage {
    int width = 0, height = 0;
    std::vector<std::uint8_t> rgb;  // width·height·3 bytes, row-major from the top (slow index 0)
};

// NaN, +inf and −inf pixels, on every image and every colour scheme (the CLI's PNGs and the GUI's
// panels alike): magenta, which no sequential or diverging map here uses.
constexpr std::array<std::uint8_t, 3> kNonFiniteRgb{255, 0, 255};

enum class DisplayScaling { Linear, Log };

// Values ≤ low map to the first colour, ≥ high to the last.
struct DisplayRange {
    double low = 0, high = 1;
    DisplayScaling scaling = DisplayScaling::Linear;
};

// One range for several images (so they can be compared by eye): low is the pooled
// (100 − clip)-th percentile, high the clip-th percentile (clip in (50, 100]), of the finite pixels.
DisplayRange sharedDisplayRange(const std::vector<const Image*>& images, double clipPercentile,
                                DisplayScaling scaling);

// Position in [0, 1] of a value on the range (log: three decades above `low`).
double displayPosition(double value, const DisplayRange& range);

// Sequential map (viridis-like: dark blue → green → yellow); non-finite pixels in kNonFiniteRgb.
RgbImage renderIntensity(const Image& image, const DisplayRange& range);

// candidate − reference, pixel by pixel. Non-finite where either side is; a finite pair saturates at
// ±float max instead of overflowing, so only non-finite inputs look non-finite. Sizes must match
// (Error(Usage) otherwise).
Image differenceImage(const Image& reference, const Image& candidate);

// Symmetric limit for a difference image: the clip-th percentile of the finite |Δ| (never 0: falls
// back to the finite max|Δ|, then 1).
double symmetricLimit(const Image& difference, double clipPercentile);

// Diverging map: −limit blue, 0 white, +limit red; non-finite pixels in kNonFiniteRgb.
RgbImage renderDifference(const Image& difference, double limit);

}  // namespace bragg
