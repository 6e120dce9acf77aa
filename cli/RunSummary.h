#pragma once
// The concise run summary `bragg simulate` prints.
#include <cstdio>
#include <string>

#include "model/Experiment.h"
#include "output/SimulationOutputs.h"

namespace bragg::cli {

struct RunTimes {
    double derive = 0, render = 0, total = 0;  // seconds
};

void printRunSummary(std::FILE* out, const Experiment& e, const std::string& engine, int threads,
                     const OutputReport& report, const RunTimes& times);

}  // namespace bragg::cli
