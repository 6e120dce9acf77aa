#pragma once
// What the pixel inspector shows about one pixel (Qt-free): both values, their difference, and the
// diffraction geometry at the pixel centre — scattering vector S = (d̂ − b̂)/λ, fractional Miller
// indices h = S·a0 (cell vectors at φ = 0 without mosaic), d = 1/|S| and 2θ.
#include <optional>

#include "core/Image.h"
#include "model/Experiment.h"

namespace bragg::ui {

struct PixelReport {
    int fast = 0, slow = 0;
    std::optional<double> reference, candidate;  // nullopt if that image is missing
    // Only where both values are finite (a NaN or ±inf pixel is compared by class, not by value).
    std::optional<double> difference;          // candidate − reference
    std::optional<double> relativeDifference;  // Δ / |reference| (nullopt if reference is 0)
    double h = 0, k = 0, l = 0;                // fractional Miller indices
    double dSpacingA = 0;                      // Å (infinite at the direct beam)
    double twoThetaDeg = 0;
};

// nullopt if (fast, slow) is outside the detector.
std::optional<PixelReport> probePixel(const Experiment& e, const Image* reference, const Image* candidate,
                                      int fast, int slow);

}  // namespace bragg::ui
