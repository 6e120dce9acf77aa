#pragma once
// The files that hold a whole series (bragg series --format nexus): one NXmx file, its geometry
// the same for every frame. Each frame's pixels are staged as raw float32 beside its record; the
// file is assembled from every frame's data once all are complete (by the process that runs the
// whole series, MPI rank 0 or bragg merge), published atomically, and the staged frames removed.
// A frame whose data is already in the published file is taken from there, so frames added to a
// series rewrite the file with the old frames and the new (README "Rotation series").
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "SeriesPlan.h"
#include "run/Side.h"

namespace bragg::cli {

namespace fs = std::filesystem;

// Checks, before anything renders, that every frame's geometry can be stated by the formats that
// state one (cbf, nexus; refused naming "--format F" and the flag), and that a NeXus series has
// one detector and beam (a sweep that changes them is refused). Derives frame 0, and with a sweep
// every frame. Returns the manifest's description of the series files ({"paths", "compression",
// "geometry"}), or null without nexus.
nlohmann::ordered_json checkSeriesGeometry(const SeriesPlan& plan, const std::vector<std::string>& formats,
                                           const run::SideSpec& reference,
                                           const std::vector<std::string>& paths);

struct RecordedFrame {
    fs::path dir;  // the series folder (or shard folder) the record's staged paths are relative to
    nlohmann::ordered_json record;
};

// Writes each series file of `description` under `outDir` from `frames` (every frame, in order)
// unless it exists with as many frames and no frame is staged; then removes the staged frames. Throws
// Error(Input) naming the frame whose data is neither staged nor in the published file as recorded.
void assembleSeriesFiles(const nlohmann::ordered_json& description, const std::vector<RecordedFrame>& frames,
                         const fs::path& outDir);

}  // namespace bragg::cli
