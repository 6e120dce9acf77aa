#pragma once
// The d-spacing seen at each pixel centre of an experiment's detector, for the comparison's
// resolution shells (compare/Shells.h takes the map, so it does not depend on the detector model).
#include <vector>

#include "model/Experiment.h"

namespace bragg {

// One value per pixel, slow-major, in Å: d = 1/|S| with S = (d̂ − b̂)/λ₀ at the pixel centre (the
// pixel inspector's formula); +inf where S = 0 (the direct beam).
std::vector<double> dSpacingMapA(const Experiment& e);

}  // namespace bragg
