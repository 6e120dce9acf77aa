#include "compare/Tiles.h"

#include <algorithm>

#include "core/Error.h"

namespace bragg {

std::vector<TileMetrics> tileMetrics(const Image& reference, const Image& candidate, const TileGrid& grid,
                                     const Thresholds& thresholds) {
    if (grid.columns <= 0 || grid.rows <= 0)
        throw usageError("tiles: expected a positive grid, got " + std::to_string(grid.columns) + "x" +
                         std::to_string(grid.rows));
    const BasicMetrics whole = basicMetrics(reference, candidate);  // also checks the sizes
    const int columns = std::min(grid.columns, reference.fpixels),
              rows = std::min(grid.rows, reference.spixels);
    std::vector<TileMetrics> tiles;
    std::vector<std::uint32_t> pixels;
    for (int row = 0; row < rows; ++row)
        for (int column = 0; column < columns; ++column) {
            TileMetrics t;
            t.column = column;
            t.row = row;
            t.fastBegin = int(long(column) * reference.fpixels / columns);
            t.fastEnd = int(long(column + 1) * reference.fpixels / columns);
            t.slowBegin = int(long(row) * reference.spixels / rows);
            t.slowEnd = int(long(row + 1) * reference.spixels / rows);
            pixels.clear();
            for (int s = t.slowBegin; s < t.slowEnd; ++s)
                for (int f = t.fastBegin; f < t.fastEnd; ++f)
                    pixels.push_back(
                        std::uint32_t(std::size_t(s) * std::size_t(reference.fpixels) + std::size_t(f)));
            t.metrics = basicMetrics(reference, candidate, pixels);
            // The relative max|Δ| limit scales by the whole reference, not the tile's own maximum.
            BasicMetrics judged = t.metrics;
            judged.maxAbsA = whole.maxAbsA;
            t.failures = checkThresholds(judged, PeakMatch{}, thresholds);
            tiles.push_back(std::move(t));
        }
    return tiles;
}

}  // namespace bragg
