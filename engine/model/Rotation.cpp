#include "model/Rotation.h"

#include <cmath>

namespace bragg {

Vec3 rotateXYZ(const Vec3& v, double rx, double ry, double rz) {
    Vec3 r = v;
    if (rx != 0.0) {
        const double c = std::cos(rx), s = std::sin(rx);
        r = Vec3(r[0], c * r[1] - s * r[2], s * r[1] + c * r[2]);
    }
    if (ry != 0.0) {
        const double c = std::cos(ry), s = std::sin(ry);
        r = Vec3(c * r[0] + s * r[2], r[1], -s * r[0] + c * r[2]);
    }
    if (rz != 0.0) {
        const double c = std::cos(rz), s = std::sin(rz);
        r = Vec3(c * r[0] - s * r[1], s * r[0] + c * r[1], r[2]);
    }
    return r;
}

}  // namespace bragg
