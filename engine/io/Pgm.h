#pragma once
// PGM preview image (docs/formats.md §7).
#include <cstdint>
#include <string>
#include <vector>

namespace bragg::io {

// Writes "P5\n<f> <s>\n# pixels scaled by <%g scale>\n255\n" and the fpixels*spixels bytes
// (slow-major), atomically.
void writePgm(const std::string& path, int fpixels, int spixels, const std::vector<std::uint8_t>& bytes,
              double scale);

}  // namespace bragg::io
