#include "model/DetectorFrame.h"

#include <cmath>

namespace bragg {

Vec3 labPositionM(const DetectorModel& d, const PixelPoint& p) {
    // pix0 is pixel (0, 0)'s outer corner: the centre convention shifts by half a pixel.
    return d.pix0 + (p.fast + 0.5) * d.pixelSize * d.fdet + (p.slow + 0.5) * d.pixelSize * d.sdet;
}

PixelPoint pixelOfLabPoint(const DetectorModel& d, const Vec3& labM) {
    const Vec3 rel = labM - d.pix0;
    return {rel.dot(d.fdet) / d.pixelSize - 0.5, rel.dot(d.sdet) / d.pixelSize - 0.5};
}

std::optional<PixelPoint> pixelOfRay(const DetectorModel& d, const Vec3& directionLab) {
    const double planeDistanceM = d.pix0.dot(d.odet);  // signed sample-to-plane distance
    const double along = directionLab.dot(d.odet);
    if (std::fabs(along) < 1e-12) return std::nullopt;
    const double t = planeDistanceM / along;
    if (t <= 0) return std::nullopt;
    return pixelOfLabPoint(d, t * directionLab);
}

}  // namespace bragg
