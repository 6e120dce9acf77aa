#pragma once
// How a configuration fails, so that shrinking keeps "the same" failure: a shrunk command line
// counts only if it fails the same way as the configuration it came from.
#include <string>
#include <vector>

#include "compare/Comparison.h"

namespace bragg::hunt {

enum class FailureKind {
    None,             // the sides agree
    Metrics,          // a threshold failed (pearson, sum ratio, max|Δ|, peaks)
    NonFinite,        // NaN/±inf pixels differ between the sides
    SizeMismatch,     // the images differ in size
    ReferenceFailed,  // the reference side produced no image
    CandidateFailed,  // the candidate side produced no image
};

const char* toString(FailureKind kind);  // "none", "metrics", "non-finite", "size", "reference-failed", …

struct FailureSignature {
    FailureKind kind = FailureKind::None;
    std::vector<std::string>
        metrics;  // Metrics: the failed checks, of "pearson", "sum-ratio", "max-diff", "peaks"
    bool operator==(const FailureSignature&) const = default;
};

// The comparison's failure: non-finite mismatches first (they make the metrics meaningless),
// then the failed thresholds.
FailureSignature signatureOf(const Comparison& c);

// The same kind of failure. Which thresholds fail is not compared: one defect shows as pearson on
// one configuration and as sum ratio on a simpler one (a sign flip in a rotation does both), and
// requiring the same metrics kept flags that had nothing to do with it. A side failing to run,
// non-finite pixels or a size mismatch are each their own kind.
bool failsTheSameWay(const FailureSignature& original, const FailureSignature& now);

}  // namespace bragg::hunt
