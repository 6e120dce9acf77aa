#include "model/PixelGeometry.h"

namespace bragg {

SubpixelRay referenceSubpixelRay(const DetectorModel& d, int fast, int slow, int subSlow, int subFast,
                                 int layer) {
    const Vec3 P = subpixelPosition(d, fast, slow, subSlow, subFast, layer);
    return {P, P.norm()};
}

}  // namespace bragg
