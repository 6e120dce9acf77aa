#pragma once
// The sub-pixel shift that best aligns the candidate with the reference: a beam centre or pix0 half
// a pixel off moves every spot by the same vector, which a dipole in the difference image shows
// and this measures.
#include <cstddef>

#include "core/Image.h"

namespace bragg {

struct Registration {
    // The candidate's content sits at the reference's position + (shiftFastPx, shiftSlowPx):
    // candidate(f, s) ≈ reference(f − shiftFastPx, s − shiftSlowPx).
    double shiftFastPx = 0, shiftSlowPx = 0;
    bool shiftSignificant = false;  // |shift| > kSignificantShiftPx
    // Pearson over the pixels both resampled images cover, before and after undoing the shift.
    // Each image is resampled half-way (bilinear, by ∓shift/2), so both get the same interpolation
    // blur and a pure shift gives ~1 after.
    double pearsonUnshifted = 0, pearsonShifted = 0;
    std::size_t overlapPixels = 0;

    static constexpr double kSignificantShiftPx = 0.05;
};

// Cross-correlation of the mean-free, Hann-windowed images by FFT (Eigen's kissfft) over the
// central at most kMaxRegistrationSidePx² pixels (a global shift shows there as well), its peak
// refined per axis by a three-point Gaussian fit (exact for a Gaussian peak; parabolic where a
// neighbour is not positive). Non-finite pixels count as the mean. Throws Error(Usage) if the
// sizes differ.
Registration registerImages(const Image& reference, const Image& candidate);

inline constexpr int kMaxRegistrationSidePx = 512;  // a quarter of the FFT work of 1024²

}  // namespace bragg
