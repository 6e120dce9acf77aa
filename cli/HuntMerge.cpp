// Hunt shards (hunt.shard-I-of-N.json) into one hunt report: the configurations' results added in
// configuration order, as one process adds them.
#include <cstdio>

#include "HuntRecord.h"
#include "ShardFile.h"
#include "ShardMerge.h"
#include "core/Error.h"

namespace bragg::cli {

int mergeHuntShards(const std::vector<std::string>& dirs, const fs::path& out, bool quiet) {
    const MergedShards merged = readShardOutputs(dirs, "hunt", "configurations");
    HuntState state;
    state.settings = merged.run.at("settings");
    state.configsRequested = merged.run.at("configs_requested").get<int>();
    HuntFold fold(state, true, out.string());
    for (const auto& [item, r] : merged.records) {
        ConfigurationResult result;
        try {
            result = configurationResultFromJson(r.record);
        } catch (const std::exception& e) {
            throw inputError(r.dir.string() + ": configuration " + std::to_string(item) +
                             ": malformed: " + e.what());
        }
        if (!fold.add(result)) break;
    }
    for (const auto& extra : merged.extras) state.elapsedSeconds += extra.at("elapsed_s").get<double>();
    for (const HuntFinding& f : state.findings)
        for (const HuntOccurrence& o : f.occurrences)
            if (!o.inputsDir.empty()) copyIntoMerged(merged.records.at(o.index).dir, out, o.inputsDir);
    fs::create_directories(out);
    writeHuntReport(out.string(), state, merged.extras.front().at("reproduce").get<std::string>());
    if (!quiet)
        std::printf(
            "merge: %d configurations from %zu hunt shards: %d failed, %zu findings; report in %s/hunt.md\n",
            state.configsDone, merged.extras.size(), state.failed(), state.findings.size(),
            out.string().c_str());
    return huntExitCode(state, fold.brokenSide());
}

}  // namespace bragg::cli
