#pragma once
// Where on the detector two images part: the comparison metrics per tile of a grid, and which
// tiles fail the verdict's thresholds (a full frame failing while the centre passes points to
// the geometry at the edges).
#include <string>
#include <vector>

#include "compare/Metrics.h"
#include "compare/Thresholds.h"
#include "core/Image.h"

namespace bragg {

struct TileGrid {
    int columns = 8, rows = 8;  // tiles along fast, along slow
    bool operator==(const TileGrid&) const = default;
};

struct TileMetrics {
    int column = 0, row = 0;         // tile index along fast, slow
    int fastBegin = 0, fastEnd = 0;  // pixels [begin, end) of the images given
    int slowBegin = 0, slowEnd = 0;
    BasicMetrics metrics;
    std::vector<std::string> failures;  // checkThresholds' lines for this tile (empty: passes)
};

// Row-major (slow, then fast) list of columns × rows tiles; tile i along fast covers pixels
// [i·W/columns, (i+1)·W/columns). A grid finer than the image is clamped to one pixel per tile.
// The max|Δ| threshold uses the whole images' max|reference|, so a dim tile is judged by the same
// absolute limit as a bright one. Throws Error(Usage) for a non-positive grid or differing sizes.
std::vector<TileMetrics> tileMetrics(const Image& reference, const Image& candidate, const TileGrid& grid,
                                     const Thresholds& thresholds);

}  // namespace bragg
