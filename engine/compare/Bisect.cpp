#include "compare/Bisect.h"

#include <algorithm>
#include <exception>

#include "params/Derive.h"

namespace bragg {
namespace {

bool contains(const std::vector<Feature>& list, Feature f) {
    return std::find(list.begin(), list.end(), f) != list.end();
}

struct Runner {
    const Params& params;
    const PairRenderer& render;
    const BisectOptions& options;

    BisectTrial run(const std::vector<Feature>& ablated) const {
        BisectTrial trial;
        trial.ablated = ablated;
        if (options.progress) options.progress("ablating " + describe(ablated));
        try {
            const ImagePair pair = render(ablate(params, ablated));
            trial.comparison =
                compareImages(pair.reference, pair.candidate, options.thresholds, options.roi, options.peaks);
        } catch (const std::exception& e) {
            trial.error = e.what();
        }
        return trial;
    }
};

// Features active in the baseline that `ablated` switches off as a side effect (e.g. dropping
// the HKL table also drops interpolation).
std::vector<Feature> sideEffects(const Params& params, const std::vector<Feature>& active, Feature ablated) {
    std::vector<Feature> off;
    try {
        const Experiment e = deriveExperiment(ablate(params, ablated), 0);
        for (Feature f : active)
            if (f != ablated && !featureActive(f, e)) off.push_back(f);
    } catch (const std::exception&) {
        // The trial itself reports the failure.
    }
    return off;
}

void concludeSingles(BisectResult& r) {
    std::vector<const BisectTrial*> restoring;
    for (const BisectTrial& t : r.trials)
        if (t.ablated.size() == 1 && t.passes()) restoring.push_back(&t);
    // The most specific: a restoring ablation that implies another restoring one is the broader one.
    // Two that imply each other (single source and single wavelength when only dispersion is in
    // use) are the same here: the first in ablations() order is named.
    for (std::size_t i = 0; i < restoring.size(); ++i) {
        const BisectTrial* t = restoring[i];
        bool broader = false;
        for (std::size_t j = 0; j < restoring.size(); ++j) {
            const BisectTrial* u = restoring[j];
            if (j == i || !contains(t->alsoDisabled, u->ablated[0])) continue;
            if (!contains(u->alsoDisabled, t->ablated[0]) || j < i) broader = true;
        }
        (broader ? r.alsoRestoring : r.culprits).push_back(t->ablated[0]);
    }
    r.outcome = BisectOutcome::SingleFeature;
    r.conclusion = "agreement restored by " + describe(r.culprits) + " alone: likely cause is " +
                   (r.culprits.size() == 1 ? "that feature" : "one of these features");
    if (!r.alsoRestoring.empty())
        r.conclusion +=
            " (" + describe(r.alsoRestoring) + " also restores it, as it switches that feature off too)";
}

// The feature ablations: singles, then the combination reduced greedily.
BisectResult bisectFeatures(const Params& params, const PairRenderer& render, const BisectOptions& options,
                            const std::optional<Comparison>& baseline) {
    BisectResult r;
    const Runner runner{params, render, options};
    if (baseline) {
        r.baseline = *baseline;
    } else {
        if (options.progress) options.progress("baseline");
        const ImagePair pair = render(params);
        r.baseline =
            compareImages(pair.reference, pair.candidate, options.thresholds, options.roi, options.peaks);
    }
    if (r.baseline.verdict == Verdict::Pass) {
        r.outcome = BisectOutcome::Agree;
        r.conclusion = "the two sides agree: nothing to bisect";
        return r;
    }
    const Experiment experiment = deriveExperiment(params, 0);
    for (const AblationInfo& a : ablations())
        if (featureActive(a.feature, experiment)) r.active.push_back(a.feature);
    if (r.active.empty()) {
        r.outcome = BisectOutcome::NothingToAblate;
        r.conclusion =
            "no ablatable feature is in use: the difference lies elsewhere (geometry, beam centre, scaling)";
        return r;
    }

    for (Feature f : r.active) {
        BisectTrial t = runner.run({f});
        t.alsoDisabled = sideEffects(params, r.active, f);
        r.trials.push_back(std::move(t));
    }
    if (std::any_of(r.trials.begin(), r.trials.end(), [](const BisectTrial& t) { return t.passes(); })) {
        concludeSingles(r);
        return r;
    }

    // No single ablation helps: everything at once (but what failed to run alone), then drop
    // what is not needed (greedy).
    std::vector<Feature> combination;
    for (const BisectTrial& t : r.trials)
        if (t.comparison) combination.push_back(t.ablated[0]);
    if (combination.size() > 1) {
        r.trials.push_back(runner.run(combination));
        if (r.trials.back().passes()) {
            const std::vector<Feature> all = combination;
            for (Feature f : all) {
                std::vector<Feature> smaller;
                for (Feature g : combination)
                    if (g != f) smaller.push_back(g);
                if (smaller.empty()) continue;
                r.trials.push_back(runner.run(smaller));
                if (r.trials.back().passes()) combination = smaller;
            }
            r.outcome = BisectOutcome::Combination;
            r.culprits = combination;
            r.conclusion = "no single ablation restores agreement; the combination " + describe(combination) +
                           " does: the cause involves these features together";
            return r;
        }
    }
    double best = -2;
    for (std::size_t i = 0; i < r.trials.size(); ++i)
        if (r.trials[i].comparison && r.trials[i].comparison->metrics.pearson > best) {
            best = r.trials[i].comparison->metrics.pearson;
            r.closest = i;
        }
    r.outcome = BisectOutcome::NotRestored;
    r.conclusion =
        "no single ablation restores agreement, nor all of them together: the difference lies outside "
        "the ablatable features (e.g. detector geometry, beam centre, scaling)";
    return r;
}

}  // namespace

BisectResult bisect(const Params& params, const PairRenderer& render, const BisectOptions& options,
                    const std::optional<Comparison>& baseline) {
    BisectResult r = bisectFeatures(params, render, options, baseline);
    if (r.outcome == BisectOutcome::Agree || !options.quirkSide) return r;
    r.quirks = attributeQuirks(deriveExperiment(params, 0), *options.quirkSide, options.thresholds,
                               options.roi, options.peaks, options.progress);
    if (!r.quirks->attributed.empty())
        r.conclusion = r.quirks->conclusion + "; feature ablations: " + r.conclusion;
    return r;
}

const char* toString(BisectOutcome outcome) {
    switch (outcome) {
        case BisectOutcome::Agree:
            return "agree";
        case BisectOutcome::NothingToAblate:
            return "nothing-to-ablate";
        case BisectOutcome::SingleFeature:
            return "single-feature";
        case BisectOutcome::Combination:
            return "combination";
        case BisectOutcome::NotRestored:
            return "not-restored";
    }
    return "?";
}

}  // namespace bragg
