#pragma once
// The configurations of a `bragg hunt`: each drawn from the hunt's seed and its index (so any
// rank draws the same one), run on both sides, shrunk if it fails; their results added to the
// findings in configuration order (HuntRecord.h), the report kept current. SIGINT/SIGTERM stop it
// after the current run.
#include <map>
#include <string>
#include <vector>

#include "HuntAttempt.h"
#include "HuntRecord.h"
#include "HuntReport.h"
#include "WorkItems.h"

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

// The same over MPI ranks (state.configsRequested configurations, no time budget): rank 0 hands
// out configurations, adds their results in order and writes the report. Every rank returns;
// rank 0's return value is runHuntLoop's.
bool runHuntOverRanks(const mpi::Session& session, HuntState& state, PairAttempts& attempts,
                      const HuntLoopOptions& options, const std::string& reproduce);

// Configurations `items` only (a shard's), in this process or over the ranks of `session`: their
// results, by index (on rank 0), without those a signal interrupted.
std::map<int, ConfigurationResult> runHuntItems(const mpi::Session* session, const HuntState& state,
                                                PairAttempts& attempts, const HuntLoopOptions& options,
                                                const std::vector<int>& items);

}  // namespace bragg::cli
