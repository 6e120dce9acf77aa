// Parity shards (parity.shard-I-of-N.json) into one parity report.
#include <cstdio>

#include "ParityReport.h"
#include "ShardFile.h"
#include "ShardMerge.h"

namespace bragg::cli {

int mergeParityShards(const std::vector<std::string>& dirs, const fs::path& out, bool quiet) {
    MergedShards merged = readShardOutputs(dirs, "parity", "cases");
    ParityRun run;
    run.description = merged.run;
    run.description.erase("baseline");
    for (auto& [item, r] : merged.records) {
        // A failing case's images and summary.json, for summary.md's links.
        if (!r.record.at("case").at("files").empty())
            copyIntoMerged(r.dir, out, "cases/" + r.record.at("case").at("id").get<std::string>());
        run.cases.push_back(std::move(r.record));
    }
    for (const auto& extra : merged.extras) run.wallSeconds += extra.at("wall_seconds").get<double>();
    if (merged.run.contains("baseline"))
        compareWithBaseline(run, merged.run["baseline"].at("statuses"),
                            merged.run["baseline"].at("path").get<std::string>());
    fs::create_directories(out);
    if (!quiet)
        std::printf("merge: %zu cases from %zu parity shards\n", run.cases.size(), merged.extras.size());
    writeParityReport(out.string(), run);
    return run.exitCode();
}

}  // namespace bragg::cli
