#pragma once
// Degrees to radians as the original program converts its angle flags (misset, φ, oscillation,
// detector rotations, two-theta): x / (180/π). Multiplying by π/180 (docs/physics.md §1) differs
// in the last bit, which sin and cos amplify for huge angles (e.g. -misset_seed N -fluence 1e24,
// read as a misset of 1e24°); tests/differential compares such command lines with the original.
#include <cmath>

namespace bragg {

inline constexpr double kDegreesPerRadian = 180.0 / M_PI;

inline double radiansFromDegreeFlag(double degrees) { return degrees / kDegreesPerRadian; }

}  // namespace bragg
