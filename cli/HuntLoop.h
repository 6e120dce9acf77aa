#pragma once
// The configurations of a `bragg hunt`, one after another: draw, run both sides, shrink each
// failure, merge it into the findings, keep the report current. SIGINT/SIGTERM stop it after
// the current run.
#include <string>

#include "HuntAttempt.h"
#include "HuntReport.h"

namespace bragg::cli {

struct HuntLoopOptions {
    std::string outdir;     // hunt.json, hunt.md, inputs/
    int shrinkTests = 250;  // runs of both sides per shrink at most
    bool quiet = false;     // no progress on stderr
};

// Runs configurations state.configsDone, … until state.configsRequested, the time budget or a
// signal; writes the report. Returns true if a side failed to run on each of the first three
// configurations (the hunt then stops: that side is broken, not buggy).
bool runHuntLoop(HuntState& state, PairAttempts& attempts, const HuntLoopOptions& options,
                 const std::string& reproduce);

}  // namespace bragg::cli
