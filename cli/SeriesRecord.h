#pragma once
// The bookkeeping of a series folder: one record per finished frame (.series/frame_NNNNNN.json,
// written after the frame's files, so a frame is complete exactly when its record exists and its
// files still have the recorded sizes and CRC-32s), and the manifest that lists them all.
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "SeriesPlan.h"

namespace bragg::cli {

namespace fs = std::filesystem;

// The record of frame `plan` whose `files` (relative to `dir`) were just written: flags, seed,
// φ, each file's size and CRC-32, the seconds it took and when it finished (UTC).
nlohmann::ordered_json frameRecord(const fs::path& dir, const FramePlan& plan,
                                   const std::vector<std::string>& files, double seconds);

fs::path recordPath(const fs::path& dir, int index);

// Whether frame `plan` is complete in `dir`: its record exists, names the same flags and files,
// and every file has the recorded size and CRC-32. Returns the record, or null.
nlohmann::ordered_json completeRecord(const fs::path& dir, const FramePlan& plan,
                                      const std::vector<std::string>& files);

// A record's files still as recorded (relative to `dir`); else the first problem.
std::string checkRecordFiles(const fs::path& dir, const nlohmann::ordered_json& record);

// The manifest: {"series": description, "frames": records in frame order}.
nlohmann::ordered_json manifestJson(const nlohmann::ordered_json& description,
                                    std::vector<nlohmann::ordered_json> records);

// "manifest.json", or "manifest.shard-I-of-N.json" for one shard.
std::string manifestName(const Shard& shard);

}  // namespace bragg::cli
