#pragma once
// Random rotation matrices from the ran1 stream: mosaic domains (docs/physics.md §7.2) and the
// `-misset random` orientation (docs/physics.md §4.3). Matrices act as v' = M·v.
#include <array>
#include <vector>

#include "core/Vec3.h"
#include "random/Ran1.h"

namespace bragg {

// One random rotation: three draws, angle spread·(1−r3²)^(1/3) (single precision) about a
// uniformly distributed axis.
Mat3 mosaicRotation(double spreadRad, long long& idum, Ran1Table& table);

// `count` domain matrices in order; matrix 0 is replaced by the identity after its draws.
std::vector<Mat3> mosaicDomains(int count, double spreadRad, long long& idum, Ran1Table& table);

// XYZ angles (rx, ry, rz; radians) with rotXYZ(angles) ≈ U, rows of U normalised first.
std::array<double, 3> matrixToXyzAngles(const Mat3& u);

// `-misset random`: a rotation drawn with the literal spread 90 (radians, as the reference
// program does), converted to XYZ angles in radians.
std::array<double, 3> randomMissetAnglesRad(long long& idum, Ran1Table& table);

}  // namespace bragg
