#include "hunt/FailureSignature.h"

#include <limits>

namespace bragg::hunt {

const char* toString(FailureKind kind) {
    switch (kind) {
        case FailureKind::None:
            return "none";
        case FailureKind::Metrics:
            return "metrics";
        case FailureKind::NonFinite:
            return "non-finite";
        case FailureKind::SizeMismatch:
            return "size";
        case FailureKind::ReferenceFailed:
            return "reference-failed";
        case FailureKind::CandidateFailed:
            return "candidate-failed";
    }
    return "?";
}

FailureSignature signatureOf(const Comparison& c) {
    FailureSignature s;
    if (c.verdict == Verdict::Pass) return s;
    if (!c.nonFinite.mismatches.empty()) {
        s.kind = FailureKind::NonFinite;
        return s;
    }
    // Each check alone, through the comparison core's own threshold test: the others disabled
    // and their metrics neutral (a NaN metric fails every comparison, even a disabled-looking one).
    constexpr double kInf = std::numeric_limits<double>::infinity();
    const auto failsAlone = [&](auto enable) {
        Thresholds t{-kInf, kInf, 0, -1};
        BasicMetrics m = c.metrics;
        m.pearson = 1, m.sumRatio = 1;
        enable(t, m);
        return !checkThresholds(m, c.peaks, t).empty();
    };
    const Thresholds& t = c.thresholds;
    if (failsAlone([&](Thresholds& u, BasicMetrics& m) {
            u.pearsonMin = t.pearsonMin, m.pearson = c.metrics.pearson;
        }))
        s.metrics.push_back("pearson");
    if (failsAlone([&](Thresholds& u, BasicMetrics& m) {
            u.sumRatioTol = t.sumRatioTol, m.sumRatio = c.metrics.sumRatio;
        }))
        s.metrics.push_back("sum-ratio");
    if (failsAlone([&](Thresholds& u, BasicMetrics&) { u.maxAbsDiffRel = t.maxAbsDiffRel; }))
        s.metrics.push_back("max-diff");
    if (failsAlone([&](Thresholds& u, BasicMetrics&) { u.peakDistanceMax = t.peakDistanceMax; }))
        s.metrics.push_back("peaks");
    s.kind = FailureKind::Metrics;
    return s;
}

bool failsTheSameWay(const FailureSignature& original, const FailureSignature& now) {
    return original.kind != FailureKind::None && original.kind == now.kind;
}

}  // namespace bragg::hunt
