#pragma once
// Image agreement metrics over two equally sized images (the comparison core).
#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/Image.h"

namespace bragg {

// Over the pixels finite in both images (compare/NonFinite.h says where the others are), in
// double: values near the float maximum neither overflow nor lose the sums.
struct BasicMetrics {
    std::size_t pixels = 0;        // pixels of the images
    std::size_t finitePixels = 0;  // pixels finite in both: the ones the metrics below cover
    double pearson = 0;  // correlation of the flattened images (two constants: 1 − their relative difference)
    double sumA = 0, sumB = 0;  // double-precision sums
    double sumRatio = 0;        // sumB / sumA
    double maxAbsDiff = 0;      // max |B − A|
    int maxAbsDiffFast = 0, maxAbsDiffSlow = 0;
    double maxA = 0;     // max(A) (finite)
    double maxAbsA = 0;  // max |A| (finite): the scale of relative thresholds (images can be negative)
    double mse = 0, rmse = 0;
};

// Throws Error(Usage) if the sizes differ.
BasicMetrics basicMetrics(const Image& a, const Image& b);

// The same metrics over the listed pixels only (slow-major indices, e.g. one tile, shell or the
// spots); `pixels` counts the list, max|Δ| is placed in image coordinates. Throws as above.
BasicMetrics basicMetrics(const Image& a, const Image& b, const std::vector<std::uint32_t>& pixelIndices);

}  // namespace bragg
