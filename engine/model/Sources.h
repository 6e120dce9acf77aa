#pragma once
// Incident beam sources (docs/physics.md §6, docs/flags.md §3.8–3.9).
#include <vector>

#include "model/Conventions.h"
#include "model/Experiment.h"

namespace bragg {

struct DivergenceAxis {
    double range = 0, step = 0;  // rad
    int count = 1;
};

// docs/flags.md §3.8 for one axis (values in mrad as given; result in rad).
DivergenceAxis resolveDivergence(std::optional<double> rangeMrad, std::optional<double> stepMrad,
                                 std::optional<int> count);

struct DispersionSteps {
    double fraction = 0, step = 0;
    int count = 1;
};
DispersionSteps resolveDispersion(double dispersionPct, std::optional<int> count);

// The ordered source list: from -sourcefile, or the divergence × dispersion grid.
std::vector<Source> makeSources(const Params& p, const ConventionVectors& v, double lambda0);

}  // namespace bragg
