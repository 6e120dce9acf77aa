#pragma once
// Overlay geometry computed from the resolved detector and beam (Qt-free): where the direct beam
// meets the detector, and resolution rings traced on the (possibly tilted) detector plane.
// Coordinates are continuous pixel indices: pixel (f, s) has its centre at (f, s)
// (model/DetectorFrame.h, which converts them to and from the lab).
#include <optional>
#include <vector>

#include "model/DetectorFrame.h"
#include "model/Experiment.h"

namespace bragg::ui {

using Polyline = std::vector<PixelPoint>;

struct ResolutionRing {
    double dSpacingA = 0;          // Å
    double twoThetaDeg = 0;        // 2θ = 2·asin(λ/2d)
    std::vector<Polyline> pieces;  // on-detector pieces (a tilted plane cuts the cone in a conic)
};

// Direct-beam position on the detector plane; nullopt if the beam misses it (parallel or behind).
std::optional<PixelPoint> beamCentrePixel(const Experiment& e);

// The cone 2θ(d) about the beam cut by the detector plane, sampled every `stepDeg` of azimuth and
// kept within a one-detector margin around the detector. Empty pieces if λ/2d > 1 (unreachable).
// Curved detectors are traced on their flat tangent plane (an approximation).
ResolutionRing resolutionRing(const Experiment& e, double dSpacingA, double stepDeg = 1.0);

std::vector<ResolutionRing> resolutionRings(const Experiment& e, const std::vector<double>& dSpacingsA);

}  // namespace bragg::ui
