#include "compare/DSpacingMap.h"

#include <limits>

#include "model/PixelGeometry.h"

namespace bragg {

std::vector<double> dSpacingMapA(const Experiment& e) {
    // One sub-pixel per pixel puts the sample point at the pixel centre (curved detectors too).
    DetectorModel centre = e.detector;
    centre.oversample = 1;
    const Vec3 incident = e.beam.beamDir.normalized();
    std::vector<double> map(std::size_t(centre.fpixels) * std::size_t(centre.spixels));
    for (int s = 0; s < centre.spixels; ++s)
        for (int f = 0; f < centre.fpixels; ++f) {
            const Vec3 diffracted = subpixelPosition(centre, f, s, 0, 0, 0).normalized();
            const double sNormPerM = ((diffracted - incident) / e.beam.lambda0).norm();
            map[std::size_t(s) * std::size_t(centre.fpixels) + std::size_t(f)] =
                sNormPerM > 0 ? 1e10 / sNormPerM : std::numeric_limits<double>::infinity();
        }
    return map;
}

}  // namespace bragg
