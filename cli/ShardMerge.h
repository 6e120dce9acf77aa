#pragma once
// `bragg merge` of parity and hunt shards (ShardFile.h): the report one process would have written,
// in `out`. Each returns the exit status that verb would have (0, 2 or 3); Error(Input) when a
// shard is missing, of another run or malformed.
#include <filesystem>
#include <string>
#include <vector>

namespace bragg::cli {

int mergeParityShards(const std::vector<std::string>& dirs, const std::filesystem::path& out, bool quiet);
int mergeHuntShards(const std::vector<std::string>& dirs, const std::filesystem::path& out, bool quiet);

}  // namespace bragg::cli
