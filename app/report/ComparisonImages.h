#pragma once
// The pictures of a comparison: reference.png and candidate.png on one shared, percentile-clipped
// scale, diff.png (candidate − reference, symmetric diverging scale) and optionally diff.f32.
#include <string>
#include <vector>

#include "compare/ColorMap.h"
#include "compare/PixelGate.h"
#include "core/Image.h"

namespace bragg::report {

struct ImageOptions {
    DisplayScaling scaling = DisplayScaling::Log;
    double clipPercentile = 99.5;      // intensity images: clipped to [100 − p, p] percentiles
    double diffClipPercentile = 99.9;  // difference: ± this percentile of |Δ|
    bool writeDiffFloat = false;       // diff.f32, raw float32 like -floatfile
};

// Writes into `dir` (which must exist); returns the file names written.
std::vector<std::string> writeComparisonImages(const std::string& dir, const Image& reference, const Image& candidate,
                                               const ImageOptions& options);

// The per-pixel gate's failing-pixel mask, each written atomically if its path is not empty: a PNG
// (failing white, passing and outside the ROI black) and raw bytes (one per pixel, 1 failing,
// fast index fastest, fpixels × spixels like -floatfile).
void writePixelGateMask(const PixelGate& gate, const std::string& pngPath, const std::string& rawPath);

}  // namespace bragg::report
