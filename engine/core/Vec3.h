#pragma once
// Lab-frame vector and matrix types (Eigen, fixed size, double precision).
#include <Eigen/Core>
#include <Eigen/Geometry>

namespace bragg {
using Vec3 = Eigen::Vector3d;
using Mat3 = Eigen::Matrix3d;
// The same in another real type (float for the reference engine's float32 evaluation).
template <class Real>
using Vec3T = Eigen::Matrix<Real, 3, 1>;
}  // namespace bragg
