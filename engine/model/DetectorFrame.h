#pragma once
// The detector plane's lab ↔ pixel conversions (flat detector, dxtbx-style: a pixel position is a
// continuous (fast, slow) index; pixel (f, s) has its centre at (f, s), its outer corner at
// (f − ½, s − ½)). For overlays, file geometry (NeXus, CBF headers) and checks against readers such
// as DIALS. A curved detector is taken on its flat tangent plane.
#include <optional>

#include "core/Vec3.h"
#include "model/Experiment.h"

namespace bragg {

struct PixelPoint {
    double fast = 0, slow = 0;  // continuous pixel indices
};

// Lab position (m, from the sample) of the point at pixel coordinates `p` on the detector plane.
Vec3 labPositionM(const DetectorModel& d, const PixelPoint& p);

// Pixel coordinates of the lab point `labM` projected onto the detector plane.
PixelPoint pixelOfLabPoint(const DetectorModel& d, const Vec3& labM);

// Where the ray from the sample along `directionLab` meets the detector plane; nullopt if it runs
// parallel to the plane or away from it.
std::optional<PixelPoint> pixelOfRay(const DetectorModel& d, const Vec3& directionLab);

}  // namespace bragg
