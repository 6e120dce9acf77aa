#include "model/LabFrames.h"

#include <cmath>

namespace bragg {
namespace {

// Any unit vector perpendicular to `z` (used only if the spindle lies along the beam).
Vec3 somePerpendicular(const Vec3& z) {
    const Vec3 trial = std::abs(z.x()) < 0.9 ? Vec3(1, 0, 0) : Vec3(0, 1, 0);
    return (trial - trial.dot(z) * z).normalized();
}

}  // namespace

Mat3 mcstasFromLab(const Experiment& e) {
    const Vec3 z = e.beam.beamDir.normalized();
    const Vec3 spindle = e.beam.spindleAxis - e.beam.spindleAxis.dot(z) * z;
    const Vec3 x = spindle.norm() > 1e-12 ? Vec3(-spindle.normalized()) : somePerpendicular(z);
    const Vec3 y = z.cross(x);
    Mat3 r;
    r.row(0) = x;
    r.row(1) = y;
    r.row(2) = z;
    return r;
}

Mat3 imgcifFromLab(const Experiment& e) {
    Mat3 turn = Mat3::Zero();  // 180° about y
    turn(0, 0) = -1;
    turn(1, 1) = 1;
    turn(2, 2) = -1;
    return turn * mcstasFromLab(e);
}

DirectBeamPx directBeamPx(const DetectorModel& d, const Vec3& beamDirection) {
    const Vec3 normal = d.fdet.cross(d.sdet);
    const double t = d.pix0.dot(normal) / beamDirection.dot(normal);
    const Vec3 inPlane = t * beamDirection - d.pix0;
    return {inPlane.dot(d.fdet) / d.pixelSize, inPlane.dot(d.sdet) / d.pixelSize};
}

double planeDistanceM(const DetectorModel& d) { return d.pix0.dot(d.fdet.cross(d.sdet)); }

}  // namespace bragg
