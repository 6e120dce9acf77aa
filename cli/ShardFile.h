#pragma once
// One shard's share of a parity or hunt run (--shard I/N): the run's description (equal in every
// shard) and a JSON record per item it finished, keyed by item index. `bragg merge` reads the
// shards of one run back and checks that every item is there exactly once.
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "SeriesPlan.h"

namespace bragg::cli {

namespace fs = std::filesystem;

struct ShardOutput {
    std::string kind;              // "parity" or "hunt": the file is KIND.shard-I-of-N.json
    nlohmann::ordered_json run;    // what the run is; merge refuses shards that differ in it
    nlohmann::ordered_json extra;  // run-dependent facts (wall time, …), not compared
    Shard shard;
    int items = 0;  // items of the whole run, over all shards
    std::map<int, nlohmann::ordered_json> records;
};

// KIND.shard-I-of-N.json in `dir`, written atomically.
void writeShardOutput(const fs::path& dir, const ShardOutput& output);

// Whether `dir` holds any KIND.shard-*.json.
bool hasShardOutputs(const fs::path& dir, const std::string& kind);

struct ShardRecord {
    fs::path dir;  // the folder of the shard that wrote it (its files are relative to it)
    nlohmann::ordered_json record;
};
struct MergedShards {
    nlohmann::ordered_json run;
    std::vector<nlohmann::ordered_json> extras;  // each shard's, in shard order
    std::map<int, ShardRecord> records;          // every item of the run
};

// Every KIND.shard-*.json in `dirs`, of one run, every item once. Error(Input) with one line naming
// the folder or file: no shard output, a shard of another run, an item twice, items missing (and
// the shards to run again). `itemWord`: "cases", "configurations" (for the messages).
MergedShards readShardOutputs(const std::vector<std::string>& dirs, const std::string& kind,
                              const std::string& itemWord);

// Copies `relative` (a file or folder a record names) from a shard's folder to `out` unless they
// are the same folder, so that the merged report's links hold.
void copyIntoMerged(const fs::path& shardDir, const fs::path& out, const std::string& relative);

}  // namespace bragg::cli
