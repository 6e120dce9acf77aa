#pragma once
// NumPy .npy images, as ports written in Python hand them over: a 2-D array of shape (slow, fast)
// in C order (index = slow · fast_count + fast, the layout of every raw float file here),
// little-endian float32 or float64 (narrowed to float, with a note). Versions 1, 2 and 3.
#include <string>
#include <string_view>
#include <vector>

#include "core/Image.h"

namespace bragg::io {

struct NpyImage {
    Image image;
    std::vector<std::string> notes;  // e.g. "float64 narrowed to float32"
};

// Throws bragg::Error(Input) naming `path` for anything else (bad magic, big-endian or integer
// dtype, Fortran order, not 2-D, data of another length).
NpyImage readNpyImage(const std::string& path);

// readNpyImage() on bytes in memory; `name` stands for the file in messages.
NpyImage parseNpyImage(const std::string& name, std::string_view bytes);

}  // namespace bragg::io
