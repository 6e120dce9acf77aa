#pragma once
// Where a sub-pixel sits in the lab (spec/physics.md §5.4), shared by both engines.
#include "core/Vec3.h"
#include "model/Experiment.h"
#include "model/Rotation.h"

namespace bragg {

// Lab position of sub-pixel (subSlow, subFast) of pixel (fast, slow) in thickness layer `layer`.
[[gnu::always_inline]] inline Vec3 subpixelPosition(const DetectorModel& d, int fast, int slow, int subSlow, int subFast, int layer) {
    const int n = d.oversample;
    const double delta = d.pixelSize / n;
    const double Fdet = delta * (fast * n + subFast) + delta / 2;
    const double Sdet = delta * (slow * n + subSlow) + delta / 2;
    const double Odet = layer * d.thickStep;
    // The original's order: the in-plane terms first, pix0 last. With the beam centre on a pixel
    // centre, pix0's −Fbeam·f − Sbeam·s then cancels them exactly and the direct-beam pixel gets
    // h = k = l = 0 (any other order leaves ~1e-16 there, which sinc3 turns into F_latt = 0).
    Vec3 P = Fdet * d.fdet + Sdet * d.sdet + Odet * d.odet + d.pix0;
    if (d.curved) {
        // Bend onto a sphere of radius `distance` using the lab Y and Z components (reference).
        Vec3 Q = d.distance * d.beamDirection;
        Q = rotateAxis(Q, d.sdet, P[1] / d.distance);
        Q = rotateAxis(Q, d.fdet, P[2] / d.distance);
        P = Q;
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
