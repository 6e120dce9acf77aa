#include "model/DetectorSetup.h"

#include <climits>
#include <cmath>
#include <limits>

#include "core/Angles.h"
#include "core/CheckedCount.h"
#include "model/Rotation.h"

namespace bragg {
namespace {

struct BeamCentre {
    double xbeam, ybeam, fbeam, sbeam, fclose, sclose, xclose, yclose;
};

// docs/physics.md §5.2: defaults and the per-convention mapping to detector coordinates.
BeamCentre resolveBeamCentre(const Params& p, double px, double detsizeF, double detsizeS) {
    BeamCentre c{};
    c.fclose = p.orgx ? (*p.orgx - 0.5) * px : detsizeF / 2;
    c.sclose = p.orgy ? (*p.orgy - 0.5) * px : detsizeS / 2;
    const double xclose = c.xclose = p.xcloseMm ? *p.xcloseMm / 1000 : c.fclose;
    const double yclose = c.yclose = p.ycloseMm ? *p.ycloseMm / 1000 : c.sclose;
    auto given = [](const std::optional<double>& mm, double fallback) { return mm ? *mm / 1000 : fallback; };
    switch (p.convention) {
        case Convention::Mosflm:
            c.xbeam = given(p.xbeamMm, (detsizeS + px) / 2);
            c.ybeam = given(p.ybeamMm, (detsizeF + px) / 2);
            c.fbeam = c.ybeam + px / 2;
            c.sbeam = c.xbeam + px / 2;
            break;
        case Convention::Denzo:
            c.xbeam = given(p.xbeamMm, (detsizeS + px) / 2);
            c.ybeam = given(p.ybeamMm, (detsizeF + px) / 2);
            c.fbeam = c.ybeam;
            c.sbeam = c.xbeam;
            break;
        case Convention::Adxv:
            c.xbeam = given(p.xbeamMm, (detsizeF + px) / 2);
            c.ybeam = given(p.ybeamMm, (detsizeS - px) / 2);
            c.fbeam = c.xbeam;
            c.sbeam = detsizeS - c.ybeam;
            break;
        case Convention::Xds:
        case Convention::Dials:
            c.xbeam = given(p.xbeamMm, xclose);
            c.ybeam = given(p.ybeamMm, yclose);
            c.fbeam = c.xbeam;
            c.sbeam = c.ybeam;
            break;
        case Convention::Custom:
            c.xbeam = given(p.xbeamMm, xclose);
            c.ybeam = given(p.ybeamMm, yclose);
            c.fbeam = c.fclose = c.xbeam;
            c.sbeam = c.sclose = c.ybeam;
            break;
    }
    return c;
}

Pivot resolvePivot(const Params& p) {
    switch (p.convention) {
        case Convention::Mosflm:
        case Convention::Denzo:
        case Convention::Adxv:
            return Pivot::Beam;
        case Convention::Xds:
        case Convention::Dials:
            return Pivot::Sample;
        case Convention::Custom:
            return p.pivot;
    }
    return Pivot::Beam;
}

// docs/flags.md §3.10: thickness layers and attenuation.
void resolveThickness(const Params& p, DetectorModel& d) {
    double thickness = p.detectorThickUm * 1e-6;
    double step = 0;
    int layers = 0;
    if (!p.thickSteps || *p.thickSteps <= 0) {
        if (thickness >= 0) {
            layers = 2;
            step = thickness / 2;
        }
    } else {
        layers = *p.thickSteps;
        if (thickness >= 0) {
            if (layers <= 1) layers = 2;
            step = thickness / (layers - 1);
        } else {
            thickness = 0.5e-6;
            step = thickness / layers;
        }
    }
    // Corrected (thickness fix): K layers of T/K span the sensor instead of K·T/(K−1).
    if (p.fixes.allLayerCapture && layers > 1 && thickness > 0) step = thickness / layers;
    if (thickness <= 0 || step <= 0) {
        layers = 1;
        thickness = 0;
        step = 0;
    }
    double mu = -1;  // unset
    if (p.detectorAbsUm) mu = *p.detectorAbsUm == 0 ? 0.0 : 1.0 / (*p.detectorAbsUm * 1e-6);
    if (thickness > 0 && mu < 0) mu = 1.0 / thickness;
    d.thickness = thickness;
    d.thickStep = step;
    d.thickLayers = layers;
    d.mu = mu < 0 ? 0 : mu;
}

}  // namespace

DetectorModel makeDetector(const Params& p, const ConventionVectors& v) {
    DetectorModel d;
    const double px = p.pixelMm / 1000;
    d.pixelSize = px;
    double detsizeF = p.detsizeFMm / 1000, detsizeS = p.detsizeSMm / 1000;
    if (p.fpixels) detsizeF = px * *p.fpixels;
    if (p.spixels) detsizeS = px * *p.spixels;
    d.fpixels =
        checkedCount(std::ceil(detsizeF / px - 0.5), INT_MAX, "detector size / pixel size along fast");
    d.spixels =
        checkedCount(std::ceil(detsizeS / px - 0.5), INT_MAX, "detector size / pixel size along slow");
    d.detsizeF = detsizeF;
    d.detsizeS = detsizeS;
    d.convention = p.convention;
    d.pivot = resolvePivot(p);
    d.curved = p.curvedDetector;
    d.pointPixel = p.pointPixel;
    d.flagThick = p.oversampleThick;
    d.flagPolar = p.oversamplePolar;
    d.flagOmega = p.oversampleOmega;
    d.twothetaRad = radiansFromDegreeFlag(p.twothetaDeg);

    const BeamCentre c = resolveBeamCentre(p, px, detsizeF, detsizeS);
    d.xbeam = c.xbeam;
    d.ybeam = c.ybeam;
    d.xclose = c.xclose;
    d.yclose = c.yclose;

    // docs/physics.md §5.3 placing the detector.
    const double rx = radiansFromDegreeFlag(p.detectorRotDeg[0]),
                 ry = radiansFromDegreeFlag(p.detectorRotDeg[1]),
                 rz = radiansFromDegreeFlag(p.detectorRotDeg[2]);
    const Vec3& b = v.beam;
    const Vec3 rotatedNormal = rotateXYZ(v.normal, rx, ry, rz);
    double ratio = dot3(b, rotatedNormal);
    if (ratio == 0) ratio = std::numeric_limits<double>::min();
    double closeDistance =
        p.closeDistanceMm ? *p.closeDistanceMm / 1000 : std::fabs(ratio * p.distanceMm / 1000);
    double distance = closeDistance / ratio;

    Vec3 pix0(0, 0, 0);
    if (d.pivot == Pivot::Sample) {
        pix0 = -c.fclose * v.fast - c.sclose * v.slow + closeDistance * v.normal;
        pix0 = rotateXYZ(pix0, rx, ry, rz);
        pix0 = rotateAxis(pix0, v.twothetaAxis, d.twothetaRad);
    }
    auto rotateBasis = [&](const Vec3& axis) {
        return rotateAxis(rotateXYZ(axis, rx, ry, rz), v.twothetaAxis, d.twothetaRad);
    };
    d.fdet = rotateBasis(v.fast);
    d.sdet = rotateBasis(v.slow);
    d.odet = rotateBasis(v.normal);
    if (d.pivot == Pivot::Beam) pix0 = -c.fbeam * d.fdet - c.sbeam * d.sdet + distance * b;
    d.pix0 = pix0;
    d.beamDirection = b;

    // docs/physics.md §5.3 step 6: values recomputed from the final geometry (both pivots).
    d.fclose = -dot3(pix0, d.fdet);
    d.sclose = -dot3(pix0, d.sdet);
    d.closeDistance = dot3(pix0, d.odet);
    const Vec3 w = (d.closeDistance / ratio) * b - pix0;
    d.fbeam = dot3(d.fdet, w);
    d.sbeam = dot3(d.sdet, w);
    d.distance = d.closeDistance / ratio;
    d.orgx = d.fclose / px + 0.5;
    d.orgy = d.sclose / px + 0.5;
    d.dialsOriginMm =
        1000.0 * Vec3(dot3(pix0, Vec3(0, 0, 1)), dot3(pix0, Vec3(0, 1, 0)), dot3(pix0, Vec3(-1, 0, 0)));
    resolveThickness(p, d);
    return d;
}

}  // namespace bragg
