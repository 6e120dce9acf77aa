#pragma once
// 8-bit RGB PNG files (libpng), written atomically.
#include <string>

#include "display/ColourMap.h"

namespace bragg::report {

// Throws Error(Input) "<path>: cannot write: ..." on failure.
void writePng(const std::string& path, const display::RgbImage& image);

// The encoded file, for callers that keep it in memory.
std::string encodePng(const display::RgbImage& image);

}  // namespace bragg::report
