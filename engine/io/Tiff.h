#pragma once
// TIFF images (libtiff): what ImageJ/Fiji users open. Written as one 32-bit IEEE float sample
// per pixel, rows = slow index (row 0 = slow 0), so pixel values are the float image's exactly.
#include <string>

#include "core/Image.h"

namespace bragg::io {

// Writes the float image atomically (temp file + rename).
void writeTiffFloat(const std::string& path, const Image& image);

// Reads a one-sample, striped TIFF of float32/64 or (un)signed 8/16/32-bit integers as float.
// Throws Error(Input) naming `path` and the problem (not TIFF, tiled, several samples, another
// sample format, truncated data); an image larger than the memory budget is Error(Resource).
Image readTiffImage(const std::string& path);

}  // namespace bragg::io
