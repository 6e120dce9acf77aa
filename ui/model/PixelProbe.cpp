#include "PixelProbe.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

#include "model/PixelGeometry.h"

namespace bragg::ui {

namespace {

std::optional<double> valueAt(const Image* image, int fast, int slow) {
    if (!image || fast >= image->fpixels || slow >= image->spixels) return std::nullopt;
    return image->at(fast, slow);
}

}  // namespace

std::optional<PixelReport> probePixel(const Experiment& e, const Image* reference, const Image* candidate,
                                      int fast, int slow) {
    const DetectorModel& det = e.detector;
    if (fast < 0 || slow < 0 || fast >= det.fpixels || slow >= det.spixels) return std::nullopt;
    PixelReport r;
    r.fast = fast;
    r.slow = slow;
    r.reference = valueAt(reference, fast, slow);
    r.candidate = valueAt(candidate, fast, slow);
    if (r.reference && r.candidate && std::isfinite(*r.reference) && std::isfinite(*r.candidate)) {
        r.difference = *r.candidate - *r.reference;
        if (*r.reference != 0) r.relativeDifference = *r.difference / std::fabs(*r.reference);
    }

    // Pixel centre: one sub-pixel per pixel puts the sample point at the centre (curved too).
    DetectorModel centre = det;
    centre.oversample = 1;
    const Vec3 position = subpixelPosition(centre, fast, slow, 0, 0, 0);
    const Vec3 diffracted = position.normalized();
    const Vec3 incident = e.beam.beamDir.normalized();
    const Vec3 S = (diffracted - incident) / e.beam.lambda0;  // 1/m
    const CrystalModel& c = e.crystal;
    r.h = S.dot(c.a0);
    r.k = S.dot(c.b0);
    r.l = S.dot(c.c0);
    const double sNorm = S.norm();
    r.dSpacingA = sNorm > 0 ? 1e10 / sNorm : std::numeric_limits<double>::infinity();
    r.twoThetaDeg = std::acos(std::clamp(diffracted.dot(incident), -1.0, 1.0)) * 180 / std::numbers::pi;
    return r;
}

}  // namespace bragg::ui
