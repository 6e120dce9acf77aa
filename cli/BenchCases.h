#pragma once
// The benchmark cases A–E of the optimized-engine issue, and where their input data comes from.
#include <string>
#include <vector>

namespace bragg::cli {

struct BenchCase {
    std::string id;                  // "A" … "E", or "custom"
    std::vector<std::string> flags;  // nanoBragg flags (input files relative to `workDir`)
    std::string workDir;             // where the flags' files are (empty: current directory)
};

// Cases by id; E needs benchE_P1.hkl.gz from `benchDataDir`, gunzipped into `scratchDir`.
// Throws Error(Usage) for an unknown id, Error(Input) if E's data is missing.
std::vector<BenchCase> benchCases(const std::vector<std::string>& ids, const std::string& benchDataDir,
                                  const std::string& scratchDir);

// BRAGG_BENCH_DIR, else ../shared/bench next to the source tree.
std::string defaultBenchDataDir();

}  // namespace bragg::cli
