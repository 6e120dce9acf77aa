#pragma once
// Quirk attribution: does the candidate agree with the reference once one of nanoBragg's
// documented quirks is corrected (params/PhysicsMode)? Then the port has, in effect, fixed it:
// "candidate = original with the phi-zero carry-over corrected".
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "compare/Comparison.h"
#include "model/Experiment.h"

namespace bragg {

// The reference side for attribution: the fixes it has already, and how to re-render it with more.
struct QuirkSide {
    PhysicsFixes fixes;                                // the reference's own (none for nanoBragg)
    std::function<Image(const PhysicsFixes&)> render;  // the reference with these fixes (its own + trial)
    std::shared_ptr<const Image> candidate;            // the candidate's un-ablated image
};

struct QuirkTrial {
    std::vector<std::string> fixes;        // fix names (physicsFixInfos) added to the reference
    std::optional<Comparison> comparison;  // candidate vs reference + fixes; empty if the run failed
    std::string error;
    bool passes() const { return comparison && comparison->verdict == Verdict::Pass; }
};

struct QuirkAttribution {
    std::vector<std::string> tried;       // fixes that can change this image and the reference lacks
    std::vector<QuirkTrial> trials;       // one per tried fix; then all together if none passes alone
    std::vector<std::string> attributed;  // the passing trial's fixes (best Pearson first if several)
    std::string conclusion;               // "candidate = original with X corrected (...)" or why not
};

// Call only when the candidate fails against the plain reference. `experiment` is the reference's
// (its quirksInEffect decide what is tried). A trial that throws is recorded, not rethrown.
QuirkAttribution attributeQuirks(const Experiment& experiment, const QuirkSide& side,
                                 const Thresholds& thresholds, const std::optional<Roi>& roi,
                                 const PeakOptions& peaks,
                                 const std::function<void(const std::string&)>& progress = {});

// "phi-zero (a phi step at 0 uses the unrotated crystal (no carry-over))" joined with " + ".
std::string describeFixes(const std::vector<std::string>& fixes);

}  // namespace bragg
