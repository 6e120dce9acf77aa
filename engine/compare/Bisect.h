#pragma once
// Bisection of a disagreement: re-run both sides with features ablated one at a time, then in
// combination, and report which ablation restores agreement — the automated "possible causes".
// The renderer is supplied by the caller, so either side may be an engine or an external program.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "compare/Ablation.h"
#include "compare/Comparison.h"
#include "compare/QuirkAttribution.h"
#include "params/Params.h"

namespace bragg {

struct ImagePair {
    Image reference, candidate;
};

// Renders both sides for the given Params; throws (any exception) if a side fails.
using PairRenderer = std::function<ImagePair(const Params&)>;

struct BisectTrial {
    std::vector<Feature> ablated;
    std::vector<Feature> alsoDisabled;     // other active features this ablation switches off too
    std::optional<Comparison> comparison;  // empty if the run failed
    std::string error;
    bool passes() const { return comparison && comparison->verdict == Verdict::Pass; }
};

enum class BisectOutcome {
    Agree,            // the baseline already passes
    NothingToAblate,  // no ablatable feature is in use
    SingleFeature,    // one (or more) single ablations restore agreement
    Combination,      // only several ablations together do
    NotRestored,      // even everything ablated at once still disagrees
};

struct BisectResult {
    Comparison baseline;
    std::vector<Feature> active;      // features in use: the ones tried
    std::vector<BisectTrial> trials;  // singles first, then the combination trials
    BisectOutcome outcome = BisectOutcome::NotRestored;
    std::vector<Feature>
        culprits;  // the most specific restoring single ablations, or the minimal combination
    std::vector<Feature> alsoRestoring;  // broader single ablations that restore too (they imply a culprit)
    std::optional<std::size_t> closest;  // NotRestored: the trial with the highest correlation
    std::string conclusion;              // one line for people
    std::optional<QuirkAttribution> quirks;  // with BisectOptions::quirkSide, when the baseline fails
};

struct BisectOptions {
    Thresholds thresholds;
    std::optional<Roi> roi;
    PeakOptions peaks;
    std::function<void(const std::string&)> progress;  // "trying no mosaic" (optional)
    // Also the corrected-physics fixes as ablations on the reference side (quirk attribution);
    // an attributed fix leads the conclusion.
    std::optional<QuirkSide> quirkSide = std::nullopt;
};

// `params` must name input files so that they resolve from the current directory (absolute
// paths are safest). `baseline`, if given, is the comparison of the un-ablated run (saves a run).
// Throws whatever deriveExperiment or the renderer throws for the baseline.
BisectResult bisect(const Params& params, const PairRenderer& render, const BisectOptions& options,
                    const std::optional<Comparison>& baseline = std::nullopt);

const char* toString(BisectOutcome outcome);  // "agree", "single-feature", ...

}  // namespace bragg
