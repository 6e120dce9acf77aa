#pragma once
// Image files as comparison inputs (`bragg compare A B`, file sides): .npy and SMV (recognised by
// their signatures) or raw float32, sized by the caller (--size, the flags' detector) or by a
// meta.json beside the file (golden case folders have one).
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/Image.h"

namespace bragg::run {

using ImageSize = std::pair<int, int>;  // fast, slow

// Throws Error(Usage) if a raw file's size is unknown, Error(Input) if it cannot be read,
// SizeMismatch if a raw file's length does not fit the size.
Image readImageFile(const std::string& path, const std::optional<ImageSize>& size);

// The d-spacing map (compare/DSpacingMap.h) of an SMV file's header geometry, for the resolution
// shells when no flags give one: the header is read as `-img` reads it (PIXEL_SIZE, DISTANCE,
// WAVELENGTH, BEAM_CENTER_X/Y, … per docs/flags.md §3.1; no detector rotations). nullopt for a
// file that is not SMV; Error(Input) if the header's geometry cannot be derived.
std::optional<std::vector<double>> headerDSpacingMapA(const std::string& path);

}  // namespace bragg::run
