#pragma once
// The seven lab-frame vectors each detector convention fixes (docs/physics.md §3).
#include "core/Vec3.h"
#include "params/Params.h"

namespace bragg {

struct ConventionVectors {
    Vec3 beam;          // b: direction of propagation
    Vec3 fast;          // f
    Vec3 slow;          // s
    Vec3 normal;        // o: away from the sample
    Vec3 twothetaAxis;  // t (not normalised)
    Vec3 polar;         // p: E-vector
    Vec3 spindle;       // u
};

// Table values for a named convention; for Custom, the user's vectors where given and the CUSTOM
// column otherwise. Normalised as the reference does (b, f, s, p, u; o with its exact-length rule).
ConventionVectors conventionVectors(const Params& p);

}  // namespace bragg
