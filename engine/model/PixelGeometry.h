#pragma once
// Where a sub-pixel sits in the lab (docs/physics.md §5.4), shared by both engines.
#include <type_traits>

#include "core/Vec3.h"
#include "model/Experiment.h"
#include "model/Rotation.h"

namespace bragg {

// Lab position of sub-pixel (subSlow, subFast) of pixel (fast, slow) in thickness layer `layer`.
// Real: the arithmetic's type (float for the reference engine's float32 evaluation; a curved
// detector's bend is then done in double and rounded).
template <class Real = double>
[[gnu::always_inline]] inline Vec3T<Real> subpixelPosition(const DetectorModel& d, int fast, int slow,
                                                           int subSlow, int subFast, int layer) {
    if constexpr (!std::is_same_v<Real, double>) {
        if (d.curved) return subpixelPosition<double>(d, fast, slow, subSlow, subFast, layer).cast<Real>();
    }
    const int n = d.oversample;
    const Real delta = Real(d.pixelSize) / Real(n);
    const Real Fdet = delta * Real(fast * n + subFast) + delta / Real(2);
    const Real Sdet = delta * Real(slow * n + subSlow) + delta / Real(2);
    const Real Odet = Real(layer) * Real(d.thickStep);
    // The original's order: the in-plane terms first, pix0 last. With the beam centre on a pixel
    // centre, pix0's −Fbeam·f − Sbeam·s then cancels them exactly and the direct-beam pixel gets
    // h = k = l = 0 (any other order leaves ~1e-16 there, which sinc3 turns into F_latt = 0).
    Vec3T<Real> P = Fdet * d.fdet.cast<Real>() + Sdet * d.sdet.cast<Real>() + Odet * d.odet.cast<Real>() +
                    d.pix0.cast<Real>();
    if constexpr (std::is_same_v<Real, double>) {
        if (d.curved) {
            // Bend onto a sphere of radius `distance` using the lab Y and Z components (reference).
            Vec3 Q = d.distance * d.beamDirection;
            Q = rotateAxis(Q, d.sdet, P[1] / d.distance);
            Q = rotateAxis(Q, d.fdet, P[2] / d.distance);
            P = Q;
        }
    }
    return P;
}

// subpixelPosition() and its length R, compiled in this baseline-ISA translation unit: a kernel
// built for FMA may fuse P's multiply-adds, which moves h, k, l by ~1e-16 where the reference
// has exactly 0 (and turns a round crystal's node from its maximum into 0). The kernels' scalar
// lanes take P and R from here, so they have the reference's bits.
struct SubpixelRay {
    Vec3 P;    // sample → sub-pixel, m
    double R;  // |P|, m
};
SubpixelRay referenceSubpixelRay(const DetectorModel& d, int fast, int slow, int subSlow, int subFast,
                                 int layer);

}  // namespace bragg
