#include "CompareRegionOptions.h"

#include <cstdio>

#include "core/Error.h"

namespace bragg::cli {

RegionOptions RegionCliOptions::value() const {
    RegionOptions o;
    int columns = 0, rows = 0, consumed = 0;
    if (std::sscanf(tiles.c_str(), "%dx%d%n", &columns, &rows, &consumed) != 2 ||
        consumed != int(tiles.size()) || columns < 1 || rows < 1)
        throw usageError("--tiles: expected COLUMNSxROWS with positive counts, e.g. 8x8, got '" + tiles +
                         "'");
    o.tiles = {columns, rows};
    o.shells.count = shells;
    o.shells.mode = shellMode == "inv-d2" ? ShellMode::EqualInvD2 : ShellMode::EqualCount;
    return o;
}

void addRegionOptions(CLI::App& app, RegionCliOptions& o) {
    app.add_option("--tiles", o.tiles, "");
    app.add_option("--shells", o.shells, "")->check(CLI::Range(1, 1000));
    app.add_option("--shell-mode", o.shellMode, "")->check(CLI::IsMember({"count", "inv-d2"}));
}

}  // namespace bragg::cli
