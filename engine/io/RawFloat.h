#pragma once
// Raw float images (docs/formats.md §5): no header, little-endian float32, slow-major.
#include <string>

#include "core/Image.h"

namespace bragg::io {

// Writes image.fpixels * image.spixels float32 values, atomically.
void writeFloatImage(const std::string& path, const Image& image);

// Reads a raw float image of the given size. The file must be exactly 4*fpixels*spixels bytes,
// otherwise inputError naming the expected and actual sizes.
Image readFloatImage(const std::string& path, int fpixels, int spixels);

}  // namespace bragg::io
