#pragma once
// The pictures of a comparison, in the colours the app's panels give the same images and settings
// (display/ColourMap.h): reference.png and candidate.png on one linked scale, diff.png (candidate −
// reference, symmetric diverging scale) and optionally diff.f32.
#include <string>
#include <vector>

#include "compare/PixelGate.h"
#include "core/Image.h"
#include "display/ColourMap.h"

namespace bragg::report {

struct ImageOptions {
    display::ColourStyle intensity;   // reference.png and candidate.png, ranged over both images
    display::ColourStyle difference;  // diff.png: ± the clip percentile of |Δ|, diverging colours
    bool writeDiffFloat = false;      // diff.f32, raw float32 like -floatfile
};

// Writes into `dir` (which must exist); returns the file names written.
std::vector<std::string> writeComparisonImages(const std::string& dir, const Image& reference,
                                               const Image& candidate, const ImageOptions& options);

// The per-pixel gate's failing-pixel mask, each written atomically if its path is not empty: a PNG
// (failing white, passing and outside the ROI black) and raw bytes (one per pixel, 1 failing,
// fast index fastest, fpixels × spixels like -floatfile).
void writePixelGateMask(const PixelGate& gate, const std::string& pngPath, const std::string& rawPath);

}  // namespace bragg::report
