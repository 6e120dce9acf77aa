#pragma once
// Peak matching: the brightest local maxima of each image and how far each reference peak is
// from the nearest candidate peak. Catches shifted or missing spots that global metrics blur.
#include <vector>

#include "core/Image.h"

namespace bragg {

struct PeakOptions {
    int maxPeaks = 100;        // keep the top N local maxima by value
    double percentile = 99.0;  // only pixels strictly above this percentile of the image count
    bool operator==(const PeakOptions&) const = default;
};

struct Peak {
    int fast = 0, slow = 0;
    float value = 0;
};

struct PeakMatch {
    int peaksReference = 0, peaksCandidate = 0;
    double meanDistance = 0, maxDistance = 0;  // pixels, reference peak → nearest candidate peak
    double fractionWithin1px = 0;
};

// Local maxima of the 8-neighbourhood (the first pixel of a flat plateau in slow-major order),
// strictly above the percentile, brightest first (ties: scan order), at most maxPeaks.
std::vector<Peak> findPeaks(const Image& image, const PeakOptions& options);

// No reference peaks: all distances 0 and fraction 1. Reference peaks but no candidate peaks:
// distances +inf and fraction 0.
PeakMatch matchPeaks(const std::vector<Peak>& reference, const std::vector<Peak>& candidate);

}  // namespace bragg
