#include "HuntAttempt.h"

#include <cmath>

#include "core/Error.h"
#include "report/CompareJson.h"

namespace bragg::cli {
namespace {

using json = nlohmann::ordered_json;

json pixelValue(float v) {
    if (std::isfinite(v)) return v;
    return toString(classify(v));  // "NaN", "+inf", "-inf": JSON has no number for them
}

// Where the sides differ most: the first non-finite mismatch, else the largest |Δ| (null if none).
json largestDifference(const Comparison& c, const Image& reference, const Image& candidate) {
    int fast = c.metrics.maxAbsDiffFast, slow = c.metrics.maxAbsDiffSlow;
    if (!c.nonFinite.mismatches.empty() && !c.nonFinite.mismatches.front().first.empty()) {
        fast = c.nonFinite.mismatches.front().first.front().fast;
        slow = c.nonFinite.mismatches.front().first.front().slow;
    } else if (c.metrics.maxAbsDiff == 0) {
        return nullptr;
    }
    const std::size_t i = std::size_t(slow) * std::size_t(reference.fpixels) + std::size_t(fast);
    return {{"fast", fast},
            {"slow", slow},
            {"reference", pixelValue(reference.pixels[i])},
            {"candidate", pixelValue(candidate.pixels[i])}};
}

Attempt sideFailed(hunt::FailureKind kind, const std::string& message) {
    Attempt a;
    a.signature.kind = kind;
    a.result = {{"failures", {message}}, {"metrics", nullptr}, {"largest_difference", nullptr}};
    return a;
}

}  // namespace

Attempt PairAttempts::run(const std::vector<std::string>& flags) {
    std::vector<std::string> all = baseFlags_;
    all.insert(all.end(), flags.begin(), flags.end());
    run::PreparedRun prepared;
    try {
        prepared = run::prepareRun(all, ".");
    } catch (const Error& e) {
        Attempt a;
        a.invalid = true;
        a.invalidReason = e.what();
        return a;
    }
    ++runs_;
    run::RunResult r;
    try {
        r = runPair(sides_, prepared, metrics_.thresholds, std::nullopt, metrics_.peaks);
    } catch (const run::RunnerFailure& e) {
        // The layer says which side failed.
        return sideFailed(
            e.side() == "reference" ? hunt::FailureKind::ReferenceFailed : hunt::FailureKind::CandidateFailed,
            e.what());
    } catch (const run::SizeMismatch& e) {
        return sideFailed(hunt::FailureKind::SizeMismatch, e.what());
    }
    const Comparison& c = r.summary.comparison;
    Attempt a;
    a.signature = hunt::signatureOf(c);
    a.result = {{"failures", c.failures},
                {"metrics", report::metricsJson(c)},
                {"largest_difference", largestDifference(c, *r.reference.image, *r.candidate.image)}};
    return a;
}

}  // namespace bragg::cli
