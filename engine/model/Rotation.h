#pragma once
// Rotation primitives of docs/physics.md §2, written so their floating-point order is fixed.
#include <cmath>

#include "core/Vec3.h"

namespace bragg {

// Rotate about lab +X by rx, then +Y by ry, then +Z by rz (right-handed, active). A zero angle
// skips that factor entirely, as the reference does.
Vec3 rotateXYZ(const Vec3& v, double rx, double ry, double rz);

// Rodrigues rotation of v about axis u by phi (right-handed). The axis is used as given (not
// normalised), like the reference.
inline Vec3 rotateAxis(const Vec3& v, const Vec3& u, double phi) {
    const double c = std::cos(phi), s = std::sin(phi);
    const double dot = (u[0] * v[0] + u[1] * v[1] + u[2] * v[2]) * (1.0 - c);
    return Vec3(c * v[0] + (u[1] * v[2] - u[2] * v[1]) * s + u[0] * dot,
                c * v[1] + (u[2] * v[0] - u[0] * v[2]) * s + u[1] * dot,
                c * v[2] + (u[0] * v[1] - u[1] * v[0]) * s + u[2] * dot);
}

// unit(v), with unit(0) = 0.
inline Vec3 unitVector(const Vec3& v) {
    const double n = v.norm();
    return n > 0 ? Vec3(v / n) : Vec3(0, 0, 0);
}

inline double dot3(const Vec3& a, const Vec3& b) { return a[0] * b[0] + a[1] * b[1] + a[2] * b[2]; }

}  // namespace bragg
