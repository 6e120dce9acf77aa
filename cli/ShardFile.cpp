#include "ShardFile.h"

#include <algorithm>
#include <set>

#include "core/Error.h"
#include "report/CompareSummary.h"

namespace bragg::cli {
namespace {

using json = nlohmann::ordered_json;

constexpr const char* kSchema = "bragg-shard/1";

std::string prefixOf(const std::string& kind) { return kind + ".shard-"; }

std::vector<fs::path> shardFiles(const fs::path& dir, const std::string& kind) {
    std::vector<fs::path> found;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
        const std::string name = entry.path().filename().string();
        if (name.rfind(prefixOf(kind), 0) == 0 && entry.path().extension() == ".json")
            found.push_back(entry.path());
    }
    if (ec) throw inputError(dir.string() + ": cannot read the folder: " + ec.message());
    std::sort(found.begin(), found.end());
    return found;
}

std::string joined(const std::vector<std::string>& words) {
    std::string s;
    for (const std::string& w : words) s += (s.empty() ? "" : ", ") + w;
    return s;
}

}  // namespace

void writeShardOutput(const fs::path& dir, const ShardOutput& output) {
    json records = json::array();
    for (const auto& [item, record] : output.records) records.push_back({{"item", item}, {"record", record}});
    const json j = {{"schema", kSchema},
                    {"kind", output.kind},
                    {"shard", {{"index", output.shard.index}, {"count", output.shard.count}}},
                    {"items", output.items},
                    {"run", output.run},
                    {"extra", output.extra},
                    {"records", records}};
    report::writeJsonFile((dir / (prefixOf(output.kind) + output.shard.name() + ".json")).string(), j);
}

bool hasShardOutputs(const fs::path& dir, const std::string& kind) { return !shardFiles(dir, kind).empty(); }

MergedShards readShardOutputs(const std::vector<std::string>& dirs, const std::string& kind,
                              const std::string& itemWord) {
    MergedShards merged;
    fs::path first;
    int items = 0;
    std::set<int> counts;
    std::map<int, fs::path> from;  // item → the file it came from
    for (const std::string& d : dirs) {
        const std::vector<fs::path> files = shardFiles(d, kind);
        if (files.empty())
            throw inputError(d + ": no " + kind + " shard output (" + prefixOf(kind) + "I-of-N.json) in it");
        for (const fs::path& path : files) {
            const json j = report::readJsonFile(path.string());
            try {
                if (j.value("schema", "") != kSchema || j.value("kind", "") != kind)
                    throw inputError(path.string() + ": not a " + kind + " shard output (schema " + kSchema +
                                     ")");
                if (first.empty()) {
                    first = path, merged.run = j.at("run"), items = j.at("items").get<int>();
                } else if (j.at("run") != merged.run || j.at("items").get<int>() != items) {
                    throw inputError(path.string() + ": a shard of another " + kind + " run than " +
                                     first.string());
                }
                counts.insert(j.at("shard").at("count").get<int>());
                merged.extras.push_back(j.at("extra"));
                for (const json& r : j.at("records")) {
                    const int item = r.at("item").get<int>();
                    if (item < 0 || item >= items)
                        throw inputError(path.string() + ": item " + std::to_string(item) + " out of range");
                    if (const auto twice = from.find(item); twice != from.end())
                        throw inputError(path.string() + ": " + itemWord + " " + std::to_string(item) +
                                         " is also in " + twice->second.string() +
                                         " (shards of two splits of the run?)");
                    from[item] = path;
                    merged.records[item] = {fs::path(d), r.at("record")};
                }
            } catch (const json::exception& e) {
                throw inputError(path.string() + ": malformed shard output: " + e.what());
            }
        }
    }
    std::vector<std::string> missing, rerun;
    std::set<int> rerunShards;
    for (int i = 0; i < items; ++i) {
        if (merged.records.count(i)) continue;
        if (missing.size() < 10)
            missing.push_back(std::to_string(i));
        else if (missing.size() == 10)
            missing.push_back("…");
        if (counts.size() == 1) rerunShards.insert(i % *counts.begin());
    }
    if (!missing.empty()) {
        const std::size_t count = std::size_t(items) - merged.records.size();
        for (const int s : rerunShards)
            rerun.push_back(std::to_string(s) + "/" + std::to_string(*counts.begin()));
        std::vector<std::string> named(dirs.begin(), dirs.end());
        throw inputError(joined(named) + ": " + std::to_string(count) + " of " + std::to_string(items) + " " +
                         itemWord + " missing: " + joined(missing) +
                         (rerun.empty() ? "" : " (run shards " + joined(rerun) + " again)"));
    }
    return merged;
}

void copyIntoMerged(const fs::path& shardDir, const fs::path& out, const std::string& relative) {
    std::error_code ec;
    if (fs::equivalent(shardDir, out, ec)) return;
    const fs::path target = out / relative;
    fs::create_directories(target.parent_path());
    fs::copy(shardDir / relative, target, fs::copy_options::recursive | fs::copy_options::overwrite_existing,
             ec);
    if (ec)
        throw inputError((shardDir / relative).string() + ": cannot copy to " + target.string() + ": " +
                         ec.message());
}

}  // namespace bragg::cli
