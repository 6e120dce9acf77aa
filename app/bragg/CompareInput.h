#pragma once
// Images named on the `bragg compare A B` command line or as file sides: .npy and SMV (recognised
// by their signatures) or raw float32, sized by --size or by a meta.json beside the file (golden
// case folders have one).
#include <optional>
#include <string>
#include <utility>

#include "core/Image.h"

namespace bragg::cli {

using ImageSize = std::pair<int, int>;  // fast, slow

// Throws Error(Usage) if a raw file's size is unknown, Error(Input) if it cannot be read,
// SizeMismatch if a raw file's length does not fit the size.
Image readCompareImage(const std::string& path, const std::optional<ImageSize>& size);

}  // namespace bragg::cli
