#pragma once
// The bookkeeping of a series folder: one record per finished frame (.series/frame_NNNNNN.json,
// written after the frame's files, so a frame is complete exactly when its record exists and its
// files still have the recorded sizes and CRC-32s), and the manifest that lists them all.
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "SeriesPlan.h"
#include "output/FrameWriter.h"

namespace bragg::cli {

namespace fs = std::filesystem;

// The record of frame `plan` whose `files` (relative to `dir`) and share of each series file
// (staged) were just written: flags, seed, φ, each file's size and CRC-32 (a series file's entry:
// its frame's float32 pixels), the seconds it took and when it finished (UTC).
nlohmann::ordered_json frameRecord(const fs::path& dir, const FramePlan& plan,
                                   const std::vector<std::string>& files,
                                   const std::vector<SeriesFileFrame>& seriesFrames, double seconds);

fs::path recordPath(const fs::path& dir, int index);

// Whether frame `plan` is complete in `dir`: its record exists, names the same flags and files,
// and every file has the recorded size and CRC-32, every series file entry's pixels too (staged,
// or in the published series file). Returns the record, or null.
nlohmann::ordered_json completeRecord(const fs::path& dir, const FramePlan& plan,
                                      const std::vector<std::string>& files,
                                      const std::vector<SeriesFileFrame>& seriesFrames);

// A record's files still as recorded (relative to `dir`; published series files relative to
// `publishedDir`, default `dir`); else the first problem.
std::string checkRecordFiles(const fs::path& dir, const nlohmann::ordered_json& record,
                             const fs::path& publishedDir = {});

// Where the pixels of a record's series file entry are, as recorded: staged (under `dir`), in the
// published series file (under `publishedDir`), or nowhere (`problem` says why).
enum class FrameDataAt { Staged, Published, Nowhere };
FrameDataAt locateFrameData(const fs::path& dir, const fs::path& publishedDir,
                            const nlohmann::ordered_json& entry, std::string* problem = nullptr);

// CRC-32 (zlib's) of bytes, as 8 hex digits.
std::string crc32Hex(const void* bytes, std::size_t size);

// The manifest: {"series": description, "frames": records in frame order}.
nlohmann::ordered_json manifestJson(const nlohmann::ordered_json& description,
                                    std::vector<nlohmann::ordered_json> records);

// "manifest.json", or "manifest.shard-I-of-N.json" for one shard.
std::string manifestName(const Shard& shard);

}  // namespace bragg::cli
