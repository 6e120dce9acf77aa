#pragma once
// "Is float32 the cause?" in one run: the candidate against the reference and against the
// reference engine evaluated in float32 (same loop order), and those two against each other.
#include <optional>
#include <string>

#include "compare/Comparison.h"
#include "compare/Metrics.h"

namespace bragg {

struct PrecisionCheck {
    BasicMetrics candidateVsReference;     // A = reference, B = candidate
    BasicMetrics candidateVsReferenceF32;  // A = reference-f32, B = candidate
    BasicMetrics referenceF32VsReference;  // A = reference, B = reference-f32
    // The rule: the candidate is closer to reference-f32 than to the reference, i.e. a higher
    // Pearson with reference-f32 and a max|Δ| no larger.
    bool f32AgreesWithCandidate = false;
    std::string conclusion;  // one line
};

// Over `roi` (already resolved) if given, else every pixel. Throws Error(Usage) if sizes differ.
PrecisionCheck checkPrecision(const Image& reference, const Image& referenceF32, const Image& candidate,
                              const std::optional<Roi>& roi = std::nullopt);

}  // namespace bragg
