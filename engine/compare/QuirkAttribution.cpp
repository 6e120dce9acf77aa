#include "compare/QuirkAttribution.h"

#include <algorithm>
#include <exception>

#include "params/PhysicsMode.h"

namespace bragg {
namespace {

const PhysicsFixInfo* fixInfo(const std::string& name) {
    for (const PhysicsFixInfo& info : physicsFixInfos())
        if (name == info.name) return &info;
    return nullptr;
}

QuirkTrial runTrial(const std::vector<std::string>& fixes, const QuirkSide& side,
                    const Thresholds& thresholds, const std::optional<Roi>& roi, const PeakOptions& peaks) {
    QuirkTrial trial;
    trial.fixes = fixes;
    PhysicsFixes withFixes = side.fixes;
    for (const std::string& name : fixes) withFixes.*(fixInfo(name)->flag) = true;
    try {
        trial.comparison = compareImages(side.render(withFixes), *side.candidate, thresholds, roi, peaks);
    } catch (const std::exception& e) {
        trial.error = e.what();
    }
    return trial;
}

}  // namespace

std::string describeFixes(const std::vector<std::string>& fixes) {
    std::string text;
    for (const std::string& name : fixes) {
        const PhysicsFixInfo* info = fixInfo(name);
        text += (text.empty() ? "" : " + ") + name + (info ? std::string(" (") + info->summary + ")" : "");
    }
    return text;
}

QuirkAttribution attributeQuirks(const Experiment& experiment, const QuirkSide& side,
                                 const Thresholds& thresholds, const std::optional<Roi>& roi,
                                 const PeakOptions& peaks,
                                 const std::function<void(const std::string&)>& progress) {
    QuirkAttribution a;
    for (const std::string& name : quirksInEffect(experiment))
        if (const PhysicsFixInfo* info = fixInfo(name); info && !(side.fixes.*(info->flag)))
            a.tried.push_back(name);
    if (a.tried.empty()) {
        a.conclusion = "no corrected-physics fix can change these flags' image: no quirk to attribute";
        return a;
    }
    for (const std::string& name : a.tried) {
        if (progress) progress("reference with " + name + " corrected");
        a.trials.push_back(runTrial({name}, side, thresholds, roi, peaks));
    }
    std::vector<const QuirkTrial*> passing;
    for (const QuirkTrial& t : a.trials)
        if (t.passes()) passing.push_back(&t);
    // Two quirks fixed at once: only all of them together can agree.
    if (passing.empty() && a.tried.size() > 1) {
        if (progress) progress("reference with every applicable fix");
        a.trials.push_back(runTrial(a.tried, side, thresholds, roi, peaks));
        if (a.trials.back().passes()) passing.push_back(&a.trials.back());
    }
    if (passing.empty()) {
        a.conclusion =
            "no corrected-physics fix explains the difference (tried " + describeFixes(a.tried) + ")";
        return a;
    }
    std::stable_sort(passing.begin(), passing.end(), [](const QuirkTrial* x, const QuirkTrial* y) {
        return x->comparison->metrics.pearson > y->comparison->metrics.pearson;
    });
    a.attributed = passing.front()->fixes;
    a.conclusion = "candidate = original with " + describeFixes(a.attributed) + " corrected";
    for (std::size_t i = 1; i < passing.size(); ++i)
        a.conclusion += "; also agrees with " + describeFixes(passing[i]->fixes) + " corrected";
    return a;
}

}  // namespace bragg
