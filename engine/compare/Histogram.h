#pragma once
// A histogram of an image's values (e.g. the signed or relative Δ image), over an ROI.
#include <optional>
#include <vector>

#include "compare/Comparison.h"
#include "core/Image.h"

namespace bragg {

struct Histogram {
    double lower = 0, upper = 0;      // the range the bins cover: [lower, upper], equal widths
    std::vector<std::size_t> counts;  // one per bin; the top edge belongs to the last bin
    std::size_t nonFinite = 0;        // NaN / ±inf pixels, left out
    double binWidth() const { return counts.empty() ? 0 : (upper - lower) / double(counts.size()); }
    double binCentre(std::size_t bin) const { return lower + (double(bin) + 0.5) * binWidth(); }
};

// `bins` bins between the smallest and the largest finite value inside the ROI (the whole image
// without one); if every finite value is equal, the range is that value ± 0.5. No finite value:
// a zero range with empty bins. Throws Error(Usage) for bins < 1 or an ROI outside the image.
Histogram histogram(const Image& values, int bins, const std::optional<Roi>& roi = std::nullopt);

}  // namespace bragg
