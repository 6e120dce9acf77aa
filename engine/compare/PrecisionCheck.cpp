#include "compare/PrecisionCheck.h"

namespace bragg {

PrecisionCheck checkPrecision(const Image& reference, const Image& referenceF32, const Image& candidate,
                              const std::optional<Roi>& roi) {
    const auto metrics = [&roi](const Image& a, const Image& b) {
        return roi ? basicMetrics(cropImage(a, *roi), cropImage(b, *roi)) : basicMetrics(a, b);
    };
    PrecisionCheck c;
    c.candidateVsReference = metrics(reference, candidate);
    c.candidateVsReferenceF32 = metrics(referenceF32, candidate);
    c.referenceF32VsReference = metrics(reference, referenceF32);
    c.f32AgreesWithCandidate = c.candidateVsReferenceF32.pearson > c.candidateVsReference.pearson &&
                               c.candidateVsReferenceF32.maxAbsDiff <= c.candidateVsReference.maxAbsDiff;
    c.conclusion =
        c.f32AgreesWithCandidate
            ? "reference-f32 agrees with candidate: the difference is what float32 arithmetic gives"
            : "reference-f32 does not agree with candidate: float32 arithmetic does not explain the "
              "difference";
    return c;
}

}  // namespace bragg
