#pragma once
// The azimuthally averaged (radial) profile of two images and their ratio, binned in 2θ: a
// wavelength, polarization or solid-angle error shows as a ratio that drifts with angle. The
// angle of each pixel comes from the comparison's d-spacing map (compare/DSpacingMap.h) and λ, so
// this needs no detector model.
#include <optional>
#include <vector>

#include "compare/Comparison.h"
#include "core/Image.h"

namespace bragg {

struct RadialBin {
    double twoThetaLowDeg = 0, twoThetaHighDeg = 0;  // the bin's edges, degrees
    double twoThetaDeg = 0;                          // its centre, degrees
    double dSpacingA = 0;                            // d at the centre, λ / (2 sin θ), Å (+inf at 0)
    std::size_t pixels = 0;                          // pixels finite in both images
    double meanReference = 0, meanCandidate = 0;     // 0 for an empty bin
    double ratio = 0;  // meanCandidate / meanReference; NaN when the reference mean is 0 or the bin is empty
};

// `bins` equal-width bins of 2θ = 2·asin(λ/2d) between the smallest and the largest angle of the
// pixels inside the ROI (the whole image without one; the top edge belongs to the last bin).
// dSpacingA holds one value per pixel of the full image, Å; pixels whose d is NaN or not positive,
// or whose value is not finite in either image, are left out. Throws Error(Usage) for differing
// sizes, a map of the wrong size, bins < 1 or λ ≤ 0. No pixel at all: no bins.
std::vector<RadialBin> radialProfile(const Image& reference, const Image& candidate,
                                     const std::vector<double>& dSpacingA, double lambdaA, int bins,
                                     const std::optional<Roi>& roi = std::nullopt);

}  // namespace bragg
