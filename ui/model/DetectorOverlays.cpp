#include "DetectorOverlays.h"

#include <cmath>
#include <numbers>

namespace bragg::ui {

namespace {

bool nearDetector(const DetectorModel& d, const PixelPoint& p) {
    return p.fast > -double(d.fpixels) && p.fast < 2.0 * d.fpixels && p.slow > -double(d.spixels) &&
           p.slow < 2.0 * d.spixels;
}

}  // namespace

std::optional<PixelPoint> beamCentrePixel(const Experiment& e) {
    return pixelOfRay(e.detector, e.beam.beamDir.normalized());
}

ResolutionRing resolutionRing(const Experiment& e, double dSpacingA, double stepDeg) {
    ResolutionRing ring;
    ring.dSpacingA = dSpacingA;
    const double lambdaA = e.beam.lambda0 * 1e10;
    const double sinTheta = lambdaA / (2 * dSpacingA);
    if (!(dSpacingA > 0) || sinTheta >= 1) return ring;
    const double twoTheta = 2 * std::asin(sinTheta);
    ring.twoThetaDeg = twoTheta * 180 / std::numbers::pi;

    // Orthonormal frame about the beam: the cone is cos2θ·b + sin2θ·(cosφ·e1 + sinφ·e2).
    const Vec3 b = e.beam.beamDir.normalized();
    const Vec3 helper = std::fabs(b.x()) < 0.9 ? Vec3(1, 0, 0) : Vec3(0, 1, 0);
    const Vec3 e1 = b.cross(helper).normalized();
    const Vec3 e2 = b.cross(e1);
    const int samples = std::max(8, int(std::lround(360.0 / stepDeg)));
    Polyline current;
    for (int i = 0; i <= samples; ++i) {
        const double phi = 2 * std::numbers::pi * i / samples;
        const Vec3 dir =
            std::cos(twoTheta) * b + std::sin(twoTheta) * (std::cos(phi) * e1 + std::sin(phi) * e2);
        const auto p = pixelOfRay(e.detector, dir);
        if (p && nearDetector(e.detector, *p)) {
            current.push_back(*p);
            continue;
        }
        if (current.size() > 1) ring.pieces.push_back(current);
        current.clear();
    }
    if (current.size() > 1) ring.pieces.push_back(current);
    // An uninterrupted ring is one closed piece (the last sample repeats the first). An interrupted
    // one may be split at φ = 0 into two pieces that touch; drawing them separately is harmless.
    return ring;
}

std::vector<ResolutionRing> resolutionRings(const Experiment& e, const std::vector<double>& dSpacingsA) {
    std::vector<ResolutionRing> rings;
    rings.reserve(dSpacingsA.size());
    for (double d : dSpacingsA) rings.push_back(resolutionRing(e, d));
    return rings;
}

}  // namespace bragg::ui
