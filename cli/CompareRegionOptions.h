#pragma once
// `bragg compare`'s region options: the tile grid and the resolution shells (compare/Regions.h).
#include <string>

#include <CLI/CLI.hpp>

#include "compare/Regions.h"

namespace bragg::cli {

struct RegionCliOptions {
    std::string tiles = "8x8";  // COLUMNSxROWS (fast × slow)
    int shells = 10;
    std::string shellMode = "count";
    // Throws Error(Usage) for a malformed --tiles.
    RegionOptions value() const;
};

void addRegionOptions(CLI::App& app, RegionCliOptions& o);

}  // namespace bragg::cli
