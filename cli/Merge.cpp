// bragg merge: the shards of a series, a parity run or a hunt (--shard I/N, Slurm array tasks)
// combined into the manifest or report one process writes.
#include <cstdio>
#include <map>
#include <set>

#include "CompareExit.h"
#include "CompareOptions.h"
#include "Commands.h"
#include "SeriesFiles.h"
#include "SeriesRecord.h"
#include "ShardFile.h"
#include "ShardMerge.h"
#include "core/Error.h"
#include "report/CompareSummary.h"

namespace bragg::cli {
namespace {

constexpr const char* kHelp =
    "usage: bragg merge DIR... [--outdir DIR] [--quiet]\n"
    "\n"
    "Combines the outputs of the shards of one run (--shard I/N, Slurm array tasks) in the folders\n"
    "DIR... into what one process would have written, in --outdir:\n"
    "  bragg series  manifest.shard-I-of-N.json -> manifest.json (file paths relative to the output\n"
    "                folder); checks that each frame's files still have their recorded size and CRC-32;\n"
    "                a NeXus series (--format nexus) is written there as one file from the shards'\n"
    "                staged frames, which are then removed\n"
    "  bragg parity  parity.shard-I-of-N.json -> summary.json, summary.md, env.json,\n"
    "                benchmark_results.json; the failing cases' folders are copied to the output folder\n"
    "  bragg hunt    hunt.shard-I-of-N.json -> hunt.json, hunt.md; configurations are added in order,\n"
    "                as one process adds them (findings, their ids and minimal command lines alike)\n"
    "Checks that every shard is of the same run and that every frame, case or configuration is\n"
    "present once. What differs from one process: the timings (a wall time is the shards' sum) and\n"
    "env.json (this machine's).\n"
    "\n"
    "options:\n"
    "  --outdir DIR   where the merged files go (default: the first DIR)\n"
    "  --quiet        print only errors\n"
    "\n"
    "exit status: series 0 merged; parity and hunt: the status that verb would have exited with (0,\n"
    "2, 3); 1 usage, 5 a shard output missing, unreadable or of another run, a frame, case or\n"
    "configuration missing (the message names the folders and the shards to run again), a frame's\n"
    "files changed, unwritable output\n";

// Which verb's shards the folders hold: "series", "parity" or "hunt" (Error(Input) if none or several).
std::string shardKind(const std::vector<std::string>& dirs) {
    std::set<std::string> kinds;
    for (const std::string& d : dirs) {
        std::set<std::string> here;
        // The series' shard manifests are manifest.shard-I-of-N.json.
        for (const char* kind : {"manifest", "parity", "hunt"})
            if (hasShardOutputs(d, kind)) here.insert(kind == std::string("manifest") ? "series" : kind);
        if (here.empty())
            throw inputError(d +
                             ": no shard outputs (manifest.shard-I-of-N.json, parity.shard-I-of-N.json or "
                             "hunt.shard-I-of-N.json) in it");
        kinds.insert(here.begin(), here.end());
    }
    if (kinds.size() > 1)
        throw inputError(dirs.front() + (dirs.size() > 1 ? " …" : "") + ": shards of more than one verb (" +
                         *kinds.begin() + ", " + *kinds.rbegin() + "); merge each run on its own");
    return *kinds.begin();
}

struct ShardManifest {
    fs::path dir, path;
    nlohmann::ordered_json json;
};

std::vector<ShardManifest> findShardManifests(const fs::path& dir) {
    std::vector<ShardManifest> found;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
        const std::string name = entry.path().filename().string();
        if (name.rfind("manifest.shard-", 0) == 0 && entry.path().extension() == ".json")
            found.push_back({dir, entry.path(), report::readJsonFile(entry.path().string())});
    }
    if (ec) throw inputError(dir.string() + ": cannot read the folder: " + ec.message());
    if (found.empty())
        throw inputError(dir.string() + ": no shard manifests (manifest.shard-I-of-N.json) in it");
    return found;
}

}  // namespace

int runMerge(const std::vector<std::string>& args) {
    try {
        std::vector<std::string> dirs;
        std::string outdir;
        bool quiet = false, help = false;
        CLI::App app("bragg merge");
        configureApp(app, help);
        app.add_option("dirs", dirs, "");
        app.add_option("--outdir", outdir, "");
        app.add_flag("-q,--quiet", quiet, "");
        if (const auto status = parseWithCli11(app, args, "merge", kHelp, help)) return *status;
        if (dirs.empty()) throw usageError("expected at least one series folder (see bragg merge --help)");
        const fs::path out = outdir.empty() ? fs::path(dirs[0]) : fs::path(outdir);
        const std::string kind = shardKind(dirs);
        if (kind == "parity") return mergeParityShards(dirs, out, quiet);
        if (kind == "hunt") return mergeHuntShards(dirs, out, quiet);

        std::vector<ShardManifest> shards;
        for (const std::string& d : dirs)
            for (ShardManifest& s : findShardManifests(d)) shards.push_back(std::move(s));
        const nlohmann::ordered_json& series = shards[0].json.at("series");
        const int frames = series.at("frames").get<int>();
        std::map<int, nlohmann::ordered_json> records;
        std::map<int, RecordedFrame> recorded;  // as the shard wrote it, for the series files
        std::set<int> counts;
        for (const ShardManifest& s : shards) {
            if (s.json.at("series") != series)
                throw inputError(s.path.string() + ": a shard of another series than " +
                                 shards[0].path.string());
            counts.insert(s.json.at("shard").at("count").get<int>());
            for (nlohmann::ordered_json r : s.json.at("frames")) {
                if (const std::string problem = checkRecordFiles(s.dir, r, out); !problem.empty())
                    throw inputError(problem);
                const int index = r.at("frame").get<int>();
                recorded[index] = {s.dir, r};
                for (auto& f : r.at("files"))
                    f["path"] = fs::proximate(s.dir / f.at("path").get<std::string>(), out).generic_string();
                if (r.contains("series_files"))
                    for (auto& f : r.at("series_files"))
                        f["staged"] =
                            fs::proximate(s.dir / f.at("staged").get<std::string>(), out).generic_string();
                records[index] = std::move(r);
            }
        }
        std::string missing;
        int missingCount = 0;
        for (int i = 0; i < frames; ++i)
            if (!records.count(i) && ++missingCount <= 10)
                missing += (missing.empty() ? "" : ", ") + std::to_string(i);
        if (missingCount > 0) {
            std::string shardsToRerun;
            if (counts.size() == 1) {
                const int count = *counts.begin();
                std::set<int> rerun;
                for (int i = 0; i < frames; ++i)
                    if (!records.count(i)) rerun.insert(i % count);
                for (const int s : rerun)
                    shardsToRerun +=
                        (shardsToRerun.empty() ? "" : ", ") + std::to_string(s) + "/" + std::to_string(count);
                shardsToRerun = " (run shards " + shardsToRerun + " again)";
            }
            throw inputError(std::to_string(missingCount) + " of " + std::to_string(frames) +
                             " frames missing: " + missing + (missingCount > 10 ? ", …" : "") +
                             shardsToRerun);
        }
        fs::create_directories(out);
        if (series.contains("series_files")) {
            std::vector<RecordedFrame> frames;
            frames.reserve(recorded.size());
            for (auto& [index, frame] : recorded) frames.push_back(std::move(frame));
            assembleSeriesFiles(series.at("series_files"), frames, out);
        }
        std::vector<nlohmann::ordered_json> list;
        list.reserve(records.size());
        for (auto& [index, record] : records) list.push_back(std::move(record));
        const fs::path manifest = out / "manifest.json";
        report::writeJsonFile(manifest.string(), manifestJson(series, std::move(list)));
        if (!quiet)
            std::printf("merge: %d frames from %zu shard manifests into %s\n", frames, shards.size(),
                        manifest.string().c_str());
        return 0;
    } catch (...) {
        return reportCurrentException("merge");
    }
}

}  // namespace bragg::cli
