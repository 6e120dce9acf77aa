#pragma once
// Params → Experiment: every derivation rule of docs/flags.md §3 and the set-up of docs/physics.md §3–7.
#include <ctime>

#include "model/Experiment.h"
#include "params/Params.h"

namespace bragg {

struct PhiSteps {
    double phi0 = 0, osc = 0, step = 0;  // rad
    int count = 1;
};
PhiSteps resolvePhiSteps(const Params& p);  // docs/flags.md §3.7

struct MosaicSettings {
    int domains = 1;
    double spreadRad = 0;
};
MosaicSettings resolveMosaic(const Params& p);  // docs/flags.md §3.11

// Throws bragg::Error (Usage for missing required inputs, Input for file problems, Resource
// if the job would not fit in memory). `now` seeds the time-based default seeds.
Experiment deriveExperiment(const Params& p, std::time_t now = std::time(nullptr));

}  // namespace bragg
