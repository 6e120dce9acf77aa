#pragma once
// Image files as comparison inputs (`bragg compare A B`, file sides), recognised by their
// signatures: .npy, SMV, TIFF, miniCBF, HDF5/NeXus ("FILE", "FILE:FRAME", "FILE:/DATASET" or
// "FILE:/DATASET:FRAME"; default /entry/data/data, frame 0); otherwise raw float32, sized by the
// caller (--size, the flags' detector) or by a meta.json beside the file (golden case folders).
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

// The d-spacing map (compare/DSpacingMap.h) of a file's own geometry, for the resolution shells
// when no flags give one: an SMV header read as `-img` reads it (PIXEL_SIZE, DISTANCE,
// WAVELENGTH, BEAM_CENTER_X/Y, … per docs/flags.md §3.1; no detector rotations), a miniCBF header,
// an NXmx detector module (any orientation). nullopt for a file without geometry; Error(Input) if
// the geometry cannot be derived.
std::optional<std::vector<double>> headerDSpacingMapA(const std::string& path);

}  // namespace bragg::run
