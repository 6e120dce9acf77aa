#pragma once
// Lab-frame vector and matrix types (Eigen, fixed size, double precision).
#include <Eigen/Core>
#include <Eigen/Geometry>

namespace bragg {
using Vec3 = Eigen::Vector3d;
using Mat3 = Eigen::Matrix3d;
}  // namespace bragg
