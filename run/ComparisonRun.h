#pragma once
// The comparison-run layer: run both sides with the same settings → compare → summary. The CLI
// verbs (compare, bisect, parity, hunt) and the app's worker all go through runComparison, so
// the same sides and flags give the same Comparison and summary.json everywhere.
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "compare/Comparison.h"
#include "compare/PrecisionCheck.h"
#include "report/CompareSummary.h"
#include "run/SideRunner.h"

namespace bragg::run {

enum class Which { Reference, Candidate };
const char* toString(Which which);

struct SideResult {
    std::shared_ptr<const Experiment> experiment;  // the settings with this side's physics fixes
    std::shared_ptr<const Image> image;
    report::SideInfo info;         // kind, name, seconds, renderSeconds
    std::optional<bool> cacheHit;  // engines with a cache
    bool reused = false;           // the last image, inputs unchanged
    bool cold = false;             // the first run of this runner
    double deriveSeconds = 0;
    std::string output;  // programs: what they printed (its last 256 KiB)
    setup::Setup setup;  // the derived set-up the side reports (empty: none)
    std::string trace;   // a command's JSON-lines trace, when one was asked for
};

// One side: its spec, the runner made from it (kept across runs: engine caches, a program's
// resolved path) and its last image, reusable while nothing it depends on changes.
class Side {
public:
    // Keeps the runner when only an engine's physics changes. Throws Error(Usage) as makeSideRunner.
    void set(const SideSpec& spec);
    const SideSpec& spec() const { return spec_; }
    SideRunner& runner() const { return *runner_; }
    bool ready() const { return runner_ != nullptr; }
    // Kind and name ("optimized [physics corrected]", a program's path), no timings.
    report::SideInfo info() const;
    // Runs the side on `experiment` (derived with this side's fixes) and `flags`, or with `reuse`
    // returns the last image if both are unchanged.
    // With `tracePixel` the side is asked for that pixel's trace too (never reused then).
    SideResult run(const std::vector<std::string>& flags, std::shared_ptr<const Experiment> experiment,
                   bool reuse, RenderControl& control,
                   const std::optional<std::array<int, 2>>& tracePixel = std::nullopt);

private:
    SideSpec spec_;
    std::unique_ptr<SideRunner> runner_;
    int runs_ = 0;
    std::vector<std::string> lastFlags_;
    Params lastParams_;
    std::shared_ptr<const Image> lastImage_;
    SideRun lastTiming_;  // its image moved to lastImage_
};

// The settings derived with the side's physics fixes (what its run takes).
std::shared_ptr<const Experiment> deriveFor(const Side& side, const Params& params);

struct SidePair {
    Side reference, candidate;
    Side& operator[](Which w) { return w == Which::Reference ? reference : candidate; }
};

struct RunRequest {
    std::vector<std::string> flags;  // what program sides run with
    Params params;                   // the same settings, parsed (engines and the geometry)
    Thresholds thresholds;
    PeakOptions peaks;
    std::optional<Roi> roi;   // none: the flags' -roi region if they narrow it, else everything
    bool concurrent = false;  // both sides at once (a program beside an engine); else one after the other
    Which first = Which::Reference;  // the order when not concurrent
    bool reuse = false;              // a side whose spec and settings did not change keeps its last image
    std::optional<RegionOptions> regions;  // also where and how they part (shells: the reference's geometry)
    // Programs and commands run a second time: their run-to-run noise floor (Comparison's
    // referenceNoise / candidateNoise; engines are deterministic and files fixed, so not them).
    bool repeatCheck = false;
};

struct RunResult {
    SideResult reference, candidate;
    report::CompareSummary
        summary;  // comparison, sides, flags; the caller adds command line, binaries, files
    SideResult& operator[](Which w) { return w == Which::Reference ? reference : candidate; }
};

// Cancellation and progress per side, shared with whoever watches the run.
struct RunControls {
    RenderControl reference, candidate;
    RenderControl& operator[](Which w) { return w == Which::Reference ? reference : candidate; }
    void cancel() { reference.cancelled = true, candidate.cancelled = true; }
};

struct RunObserver {
    // As soon as a side's image exists (called on the thread that ran it; with concurrent runs
    // the two calls may overlap).
    std::function<void(Which, const SideResult&)> sideDone;
};

// Throws what a side throws (RunnerFailure naming the side, Error(Cancelled) once cancelled; with
// concurrent sides the first failure, after the other side has been stopped), or
// SizeMismatch if the two images differ in size.
RunResult runComparison(SidePair& sides, const RunRequest& request, RunControls& controls,
                        const RunObserver& observer = {});

// compareImages for two side images, with SizeMismatch for sizes that differ and are not swapped
// or whose transposes do not explain them. A swapped candidate that one explains is replaced by
// itself in the reference's frame (what the images and regions then show).
Comparison compareSideImages(const Image& reference, std::shared_ptr<const Image>& candidate,
                             const Thresholds& thresholds, const std::optional<Roi>& roi,
                             const PeakOptions& peaks);

// "Is float32 the cause?" (--precision-check, the app's check): the reference side's settings
// rendered by the reference engine in float32, against both sides' images, over the run's ROI.
PrecisionCheck precisionCheckOf(const RunResult& result);

// The region compared by default: the flags' -roi rectangle when it is narrower than the detector
// (pixels outside it are 0 on every side), else none.
std::optional<Roi> renderedRegion(const Experiment& experiment);

}  // namespace bragg::run
