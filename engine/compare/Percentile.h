#pragma once
// Percentiles of pixel values, as numpy's default (linear interpolation between order statistics).
#include <vector>

#include "core/Image.h"

namespace bragg {

// p in [0, 100]; `values` is reordered. 0 for an empty vector. NaNs must be removed first.
double percentileInPlace(std::vector<float>& values, double p);

// Percentile of every finite pixel of the given images together.
double pooledPercentile(const std::vector<const Image*>& images, double p);

}  // namespace bragg
