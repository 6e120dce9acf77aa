#pragma once
// The least-squares scale between two images: a candidate that differs only by a factor (fluence,
// a steps normalisation) has correlation 1, fails the sum ratio, and fits this scale exactly.
#include "core/Image.h"

namespace bragg {

struct ScaleFit {
    double scale = 1;  // k minimising Σ (candidate − k·reference)² over the pixels finite in both
    // √(Σ residual² / Σ candidate²), before (k = 1) and after the fit: 0 after for a scale alone.
    // Pearson is not given after scaling: it does not change under a scale.
    double residualRmsRel = 0, residualRmsRelAfterScale = 0;
};

// scale = 1 and residuals 0 when the reference is zero at every finite pixel. Throws
// Error(Usage) if the sizes differ.
ScaleFit fitScale(const Image& reference, const Image& candidate);

}  // namespace bragg
