#include "model/Conventions.h"

#include "model/Rotation.h"

namespace bragg {
namespace {

Vec3 vec(const Triple& t) { return Vec3(t[0], t[1], t[2]); }

ConventionVectors tableFor(Convention c) {
    switch (c) {
        case Convention::Mosflm:
        case Convention::Denzo:
            return {{1, 0, 0}, {0, 0, 1}, {0, -1, 0}, {1, 0, 0}, {0, 0, -1}, {0, 0, 1}, {0, 0, 1}};
        case Convention::Adxv:
            return {{0, 0, 1}, {1, 0, 0}, {0, -1, 0}, {0, 0, 1}, {-1, 0, 0}, {1, 0, 0}, {1, 0, 0}};
        case Convention::Xds:
            return {{0, 0, 1}, {1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {1, 0, 0}, {1, 0, 0}, {1, 0, 0}};
        case Convention::Dials:
            return {{0, 0, 1}, {1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {0, 1, 0}, {0, 1, 0}, {0, 1, 0}};
        case Convention::Custom:
            // MOSFLM-like, but note the two-theta axis default (0,1,0).
            return {{1, 0, 0}, {0, 0, 1}, {0, -1, 0}, {1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {0, 0, 1}};
    }
    return tableFor(Convention::Mosflm);
}

}  // namespace

ConventionVectors conventionVectors(const Params& p) {
    ConventionVectors v = tableFor(p.convention);
    if (p.convention == Convention::Custom) {
        if (p.beamVector) v.beam = vec(*p.beamVector);
        if (p.fdetVector) v.fast = vec(*p.fdetVector);
        if (p.sdetVector) v.slow = vec(*p.sdetVector);
        if (p.odetVector) v.normal = vec(*p.odetVector);
        if (p.twothetaAxis) v.twothetaAxis = vec(*p.twothetaAxis);
        if (p.polarVector) v.polar = vec(*p.polarVector);
        if (p.spindleAxis) v.spindle = vec(*p.spindleAxis);
    }
    v.beam = unitVector(v.beam);
    v.fast = unitVector(v.fast);
    v.slow = unitVector(v.slow);
    v.polar = unitVector(v.polar);
    v.spindle = unitVector(v.spindle);
    // The normal keeps its direction only if it was given with length exactly 1.
    const double normalLength = v.normal.norm();
    v.normal = normalLength == 1.0 ? unitVector(v.normal) : unitVector(v.fast.cross(v.slow));
    return v;
}

}  // namespace bragg
