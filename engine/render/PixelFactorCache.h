#pragma once
// The optimized engine's detector cache: for every pixel, the factor cap·polar·ω that docs/physics.md §13
// applies once at the end (without oversample_* flags). It depends only on the detector, the
// beam and the pixel selection, so crystal-only edits (cell, misset, mosaic, φ, N, F) reuse it:
// that is what makes a "warm" re-render warm.
#include <cstddef>
#include <functional>
#include <memory>
#include <vector>

#include "model/Experiment.h"

namespace bragg {

// cap (last layer, first sub-pixel) · polarisation (first sub-pixel and source not cut by d_min)
// · ω (first sub-pixel) for pixel (fast, slow), the values the reference applies.
double pixelEndFactor(const Experiment& e, int fast, int slow);

class PixelFactorCache {
public:
    // Fills factors of pixels [f0, f1) of row `slow` into out (a kernel's vector version).
    using SegmentFiller = std::function<void(int slow, int f0, int f1, double* out)>;

    // The factors for e (fpixels·spixels values; 0 outside the selection), recomputed (in
    // parallel, by `fill` if given, else pixelEndFactor) only when the detector/beam key changed.
    const double* factorsFor(const Experiment& e, bool& hit, const SegmentFiller& fill = {});
    void clear();
    std::size_t bytes() const { return capacity_ * sizeof(double); }

private:
    std::vector<double> key_;
    // Not a std::vector: resizing one zero-fills every value first, a serial pass over 8 MB
    // (1024²) that the parallel fill overwrites anyway.
    std::unique_ptr<double[]> factors_;
    std::size_t capacity_ = 0;
};

}  // namespace bragg
