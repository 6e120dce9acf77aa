#include "output/FormatGeometry.h"

#include <cmath>
#include <string>

#include "core/Angles.h"
#include "core/Error.h"
#include "model/LabFrames.h"

namespace bragg {
namespace {

// The flag that turned the detector away from miniCBF's fixed axes (the first one set).
std::string miniCbfBreakingFlag(const Params& p) {
    static const char* const rot[3] = {"-detector_rotx", "-detector_roty", "-detector_rotz"};
    for (int i = 0; i < 3; ++i)
        if (p.detectorRotDeg[std::size_t(i)] != 0) return rot[i];
    if (p.twothetaDeg != 0) return "-twotheta";
    if (p.convention == Convention::Custom)
        return "-fdet_vector/-sdet_vector/-spindle_axis (CUSTOM convention)";
    return std::string("the -") + toString(p.convention) + " convention";
}

bool near(const Vec3& a, const Vec3& b) { return (a - b).norm() < 1e-9; }

// miniCBF fixes the detector: fast = imgCIF +x, slow = −y, normal to the beam, φ about +x.
bool miniCbfCanExpress(const Experiment& e) {
    const Mat3 r = imgcifFromLab(e);
    return near(r * e.detector.fdet, Vec3(1, 0, 0)) && near(r * e.detector.sdet, Vec3(0, -1, 0)) &&
           near(r * e.beam.spindleAxis.normalized(), Vec3(1, 0, 0));
}

}  // namespace

void checkFormatCanExpress(const Experiment& e, GeometryFormat format, const std::string& flag) {
    if (e.params.curvedDetector)
        throw usageError(flag + ": the format cannot express -curved_det (a flat detector only)");
    if (format == GeometryFormat::MiniCbf && !miniCbfCanExpress(e))
        throw usageError(flag + ": miniCBF cannot express the detector set by " +
                         miniCbfBreakingFlag(e.params) +
                         " (miniCBF states only a detector normal to the beam with fast = +x, slow = -y and "
                         "φ about +x in DIALS's frame; use " +
                         (flag.rfind("--", 0) == 0 ? "--format nexus" : "-nexusfile") + ")");
}

void checkFormatGeometry(const Experiment& e) {
    const Params& p = e.params;
    if (!p.cbfFile.empty() || !p.cbfNoiseFile.empty())
        checkFormatCanExpress(e, GeometryFormat::MiniCbf, !p.cbfFile.empty() ? "-cbffile" : "-cbfnoisefile");
    if (!p.nexusFile.empty()) checkFormatCanExpress(e, GeometryFormat::Nexus, "-nexusfile");
}

io::NexusGeometry nexusGeometry(const Experiment& e) {
    const DetectorModel& d = e.detector;
    const Mat3 r = mcstasFromLab(e);
    auto mcstas = [&r](const Vec3& v) {
        const Vec3 m = r * v;
        return io::McStasVec{m.x(), m.y(), m.z()};
    };
    io::NexusGeometry g;
    g.fpixels = d.fpixels;
    g.spixels = d.spixels;
    g.pixelSizeMm = d.pixelSize * 1e3;
    g.originMm = mcstas(d.pix0 * 1e3);
    g.fastAxis = mcstas(d.fdet);
    g.slowAxis = mcstas(d.sdet);
    g.distanceMm = std::abs(planeDistanceM(d)) * 1e3;
    g.wavelengthA = e.beam.lambda0 * 1e10;
    g.sensorThicknessMm = d.thickness * 1e3;
    g.phiAxis = mcstas(e.beam.spindleAxis.normalized());
    g.phiStartDeg = e.crystal.phi0Rad * kDegreesPerRadian;
    g.phiIncrementDeg = e.crystal.oscRad * kDegreesPerRadian;
    return g;
}

io::MiniCbfHeader miniCbfHeader(const Experiment& e) {
    const DetectorModel& d = e.detector;
    io::MiniCbfHeader h;
    h.pixelSizeM = d.pixelSize;
    h.wavelengthA = e.beam.lambda0 * 1e10;
    h.distanceM = planeDistanceM(d);
    const DirectBeamPx beam = directBeamPx(d, e.beam.beamDir);
    h.beamXPx = beam.fast;
    h.beamYPx = beam.slow;
    h.startAngleDeg = e.crystal.phi0Rad * kDegreesPerRadian;
    h.angleIncrementDeg = e.crystal.oscRad * kDegreesPerRadian;
    h.countCutoff = 65535;
    h.sensorThicknessM = d.thickness;
    return h;
}

}  // namespace bragg
