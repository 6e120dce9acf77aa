#pragma once
// What `bragg compare`, `bragg bisect` and `bragg parity` share: option groups (CLI11), the two
// sides of a run comparison, and running both with identical flags.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "compare/Bisect.h"
#include "compare/Comparison.h"
#include "run/ComparisonRun.h"
#include "run/PreparedRun.h"

// The side options' lines of every two-sided verb's --help, one text for all (string literals,
// concatenated into each verb's help): programs and commands, saved images, and their run.
#define BRAGG_HELP_SIDE_PROGRAMS                                                                        \
    "  --reference-bin PATH  external nanoBragg-compatible program as the reference side\n"             \
    "  --candidate-bin PATH  external nanoBragg-compatible program as the candidate side (a port)\n"    \
    "  --reference-cmd 'CMD', --candidate-cmd 'CMD'\n"                                                  \
    "                        a side run by a command template: {flags} (the nanoBragg flags), the\n"    \
    "                        output as {floatfile} (raw float32), {smvfile} or {npyfile}; {workdir},\n" \
    "                        {fpixels}, {spixels}; e.g. 'python3 -m myport {flags} --out {npyfile}'\n"
#define BRAGG_HELP_SIDE_FILES                    \
    "  --reference-file F, --candidate-file F\n" \
    "                        a saved image as that side (.npy, SMV or raw float32 of the flags' size)\n"
#define BRAGG_HELP_SIDE_RUN                                                                        \
    "  --reference-env NAME=VALUE, --candidate-env NAME=VALUE\n"                                   \
    "                        environment of a program side (repeatable), e.g. OMP_NUM_THREADS=1\n" \
    "  --timeout SECONDS     kill a program side (and its process group) after this long (3600)\n"

// The per-pixel gate's lines, for compare and bisect (parity catalogues set "atol"/"rtol").
#define BRAGG_HELP_PIXEL_GATE                                                                         \
    "  --atol A, --rtol R    per-pixel gate as numpy.isclose: a pixel fails when |B-A| > A + R*|A|\n" \
    "                        (either alone: the other is 0); any failing pixel makes it BLOCKED\n"

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

// The two sides the options name. Throws Error(Usage) for unknown engines, a bad program,
// command or environment, or two options naming one side. --engines names the engine sides that
// no program, command or file takes: REFERENCE,CANDIDATE, or one engine when one side is not an
// engine.
struct SideSpecs {
    run::SideSpec reference, candidate;
};
SideSpecs sideSpecs(const SideOptions& o);
// Their runners; applies --threads.
run::SidePair makeSides(const SideOptions& o);
run::SidePair makeSides(const SideSpecs& specs, int threads);

// Both sides on the same flags through the comparison-run layer (reference first, then candidate).
// With `regions`, also where and how they part (tiles, shells, spots, registration, diagnosis);
// with `repeatCheck`, program sides run twice for their noise floor (--repeat-check).
run::RunResult runPair(run::SidePair& sides, const run::PreparedRun& prepared, const Thresholds& thresholds,
                       const std::optional<Roi>& roi, const PeakOptions& peaks,
                       const std::optional<RegionOptions>& regions = std::nullopt, bool repeatCheck = false);

// For bisect: ablated Params → flags (toNanoBraggFlags) → both sides.
PairRenderer pairRenderer(run::SidePair& sides);

// For bisect's quirk attribution: the reference side re-rendered with corrected-physics fixes
// (run::correctedReference) on `params`, against the candidate's baseline image.
QuirkSide quirkSide(const run::SideSpec& reference, const Params& params,
                    std::shared_ptr<const Image> candidate);

// Arguments before the first "--" and after it.
struct SplitArgs {
    std::vector<std::string> own, nanoBragg;
    bool hadSeparator = false;
};
SplitArgs splitAtSeparator(const std::vector<std::string>& args);

// "a,b,,c" → {"a", "b", "c"} (empty items dropped): --only, --format.
std::vector<std::string> splitCommaList(const std::string& text);

// Parses `args` (in order) with CLI11. Returns nullopt to continue, else the exit status (0 after
// --help, 1 after a parse error, whose message is printed).
std::optional<int> parseWithCli11(CLI::App& app, const std::vector<std::string>& args, const char* verb,
                                  const char* helpText, bool& helpFlag);

// CLI11 app with our conventions: no built-in help (verbs print their own), GNU-style options.
void configureApp(CLI::App& app, bool& helpFlag);

}  // namespace bragg::cli
