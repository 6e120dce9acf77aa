#pragma once
// The lab frames other programs express geometry in, and nanoBragg's detector in them.
// nanoBragg's lab frame follows the convention (MOSFLM: beam along +x). NeXus uses McStas
// (z along the beam's propagation, y up); DIALS and imgCIF turn that 180° about y (beam along
// −z). Both are fixed here by the beam and the φ (spindle) axis: the spindle lies along imgCIF
// +x (McStas −x), where DIALS's single-axis goniometer and the NXmx examples put ω.
#include "core/Vec3.h"
#include "model/Experiment.h"

namespace bragg {

// Rows are the McStas x, y, z axes written in nanoBragg lab coordinates: mcstas = R · lab.
Mat3 mcstasFromLab(const Experiment& e);

// imgCIF / DIALS laboratory frame: imgcif = R · lab.
Mat3 imgcifFromLab(const Experiment& e);

// Where the direct beam meets the detector plane, in pixels from the outer corner of pixel (0,0)
// along the fast and slow axes (the DIALS "beam centre" and miniCBF Beam_xy).
struct DirectBeamPx {
    double fast = 0, slow = 0;
};
DirectBeamPx directBeamPx(const DetectorModel& d, const Vec3& beamDirection);

// The sample-to-detector-plane distance along the plane's normal fdet × sdet (m).
double planeDistanceM(const DetectorModel& d);

}  // namespace bragg
