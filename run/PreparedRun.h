#pragma once
// The user's nanoBragg flags made safe to run on any side.
#include <string>
#include <vector>

#include "params/Params.h"

namespace bragg::run {

// Input files absolute (relative names are resolved from `baseDir`), output-file flags removed,
// a time-seeded `-misset random` pinned so both sides draw the same orientation.
struct PreparedRun {
    std::vector<std::string> flags;
    Params params;  // parsed from `flags`
    int fpixels = 0, spixels = 0;
    long long steps = 1;  // sources · domains · φ steps · oversample² (for throughput figures)
    std::vector<std::string> warnings;
};

// The flags with input files absolute and output-file flags removed (what a program side in a
// scratch directory can run). Throws Error(Usage) for malformed flags.
std::vector<std::string> runnableFlags(const std::vector<std::string>& userFlags, const std::string& baseDir);

// Throws bragg::Error (Usage: bad flags; Input: unreadable input files).
PreparedRun prepareRun(const std::vector<std::string>& userFlags, const std::string& baseDir);

}  // namespace bragg::run
