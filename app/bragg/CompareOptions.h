#pragma once
// What `bragg compare`, `bragg bisect` and `bragg parity` share: option groups (CLI11), the two
// sides of a run comparison, and running both with identical flags.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "CompareRunners.h"
#include "compare/Bisect.h"
#include "compare/Comparison.h"

namespace bragg::cli {

// Thresholds, peak matching and ROI.
struct MetricOptions {
    Thresholds thresholds;
    PeakOptions peaks;
    std::vector<int> roi;  // empty or xmin xmax ymin ymax
    std::optional<Roi> roiValue() const;
};
void addMetricOptions(CLI::App& app, MetricOptions& o);

// Which engines / program produce the images.
struct SideOptions {
    std::string engines = "reference,optimized";
    std::string referenceBin, candidateBin;               // nanoBragg-compatible programs instead of engines
    std::string referenceCmd, candidateCmd;               // command templates (makeCommandRunner) instead
    std::string referenceFile, candidateFile;             // saved images instead
    std::vector<std::string> referenceEnv, candidateEnv;  // NAME=VALUE for a program side
    double timeoutSeconds = 3600;                         // per program run
    int threads = 0;
    bool keepScratch = false;
    std::string physics = "nanobragg";  // both engine sides (--physics)
    std::string candidatePhysics;       // the candidate only, overriding --physics
};
// withFiles: also --reference-file/--candidate-file (not for verbs that re-render each side with
// other flags, bisect and parity: a saved image cannot follow them).
void addSideOptions(CLI::App& app, SideOptions& o, bool withFiles = true);

struct Sides {
    std::unique_ptr<SideRunner> reference, candidate;
};
// Throws Error(Usage) for unknown engines or a bad --reference-bin / --candidate-bin. Applies
// --threads. --engines names the engine sides that no program takes: REFERENCE,CANDIDATE, or one
// engine when one side is a program.
Sides makeSides(const SideOptions& o);

struct PairRun {
    SideRun reference, candidate;
};
PairRun runPair(Sides& sides, const std::vector<std::string>& flags, int fpixels, int spixels);

// For bisect: ablated Params → flags (toNanoBraggFlags) → both sides.
PairRenderer pairRenderer(Sides& sides, int fpixels, int spixels);

// Arguments before the first "--" and after it.
struct SplitArgs {
    std::vector<std::string> own, nanoBragg;
    bool hadSeparator = false;
};
SplitArgs splitAtSeparator(const std::vector<std::string>& args);

// Parses `args` (in order) with CLI11. Returns nullopt to continue, else the exit status (0 after
// --help, 1 after a parse error, whose message is printed).
std::optional<int> parseWithCli11(CLI::App& app, const std::vector<std::string>& args, const char* verb,
                                  const char* helpText, bool& helpFlag);

// CLI11 app with our conventions: no built-in help (verbs print their own), GNU-style options.
void configureApp(CLI::App& app, bool& helpFlag);

}  // namespace bragg::cli
