#pragma once
// The per-pixel gate (`--atol A --rtol R`, as numpy.isclose(candidate, reference)): a pixel fails
// when |c − r| > atol + rtol·|r|. Beside Pearson and the sum ratio, which a few wrong pixels barely
// move, it says how many pixels are off, where (a mask), and by how much (histograms of the
// relative error and of the float32 ULP distance).
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "compare/NonFinite.h"
#include "core/Image.h"

namespace bragg {

struct HistogramBin {
    double from = 0, to = 0;  // as each histogram defines them (to may be infinity)
    std::size_t count = 0;
};

struct PixelGate {
    double atol = 0, rtol = 0;
    std::size_t pixels = 0;   // compared (the ROI's)
    std::size_t failing = 0;  // non-finite pixels fail unless both sides hold the same class
    double failingShare() const { return pixels ? double(failing) / double(pixels) : 0.0; }
    std::vector<PixelPosition> firstFailing;  // slow-major order, full-image pixels, at most kPositionsKept
    // One byte per pixel of the full image, fast index fastest: 1 failing, 0 passing or outside the ROI.
    std::shared_ptr<const std::vector<std::uint8_t>> mask;
    int maskFpixels = 0, maskSpixels = 0;
    // Over the pixels finite in both. Relative error |c − r| / |r|: bin 0 is exactly 0, bin 1
    // (0, 1e-15), then one decade each from [1e-15, 1e-14) to [0.1, 1), the last [1, inf] (r = 0
    // with c ≠ 0 is inf). ULP distance between the float32 values (+0 and −0 are 0 apart, 1.0f and
    // the next float 1): bin 0 is 0, bin k ≥ 1 holds [2^(k−1), 2^k − 1], up to k = 32.
    std::vector<HistogramBin> relativeError, ulpDistance;
    static constexpr std::size_t kPositionsKept = 5;
};

// The gate of two equally sized images over the inclusive pixel bounds (fast0..fast1, slow0..slow1).
// Throws Error(Usage) for a negative tolerance or differing sizes.
PixelGate pixelGate(const Image& reference, const Image& candidate, double atol, double rtol, int fast0,
                    int fast1, int slow0, int slow1);

// Float32 ULP distance: how many representable floats lie between a and b (both finite).
std::uint64_t ulpDistance(float a, float b);

// "12 of 4096 pixels (0.293%) fail |c − r| <= 0.001 + 1e-05·|r|, first at fast 3 slow 4".
std::string describe(const PixelGate& g);

}  // namespace bragg
