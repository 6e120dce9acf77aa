#include "SlurmScript.h"

namespace bragg::cli {

std::string shellQuote(const std::string& text) {
    const bool plain =
        !text.empty() &&
        text.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-+=./,:@%") ==
            std::string::npos;
    if (plain) return text;
    std::string quoted = "'";
    for (const char c : text) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return quoted + "'";
}

std::string slurmScript(const SlurmJob& job) {
    const std::string tasks = std::to_string(job.tasks);
    std::string s =
        "#!/bin/bash\n"
        "# Written by `bragg series --slurm-script`: a job array, one task per shard of the frames.\n"
        "# Submit with `sbatch` this file; when every task is done, combine the shards' manifests:\n"
        "#   bragg merge " +
        shellQuote(job.outdir) +
        "\n"
        "# A task that fails leaves its unfinished frames absent; `sbatch --array=I` this file again\n"
        "# to complete shard I (its finished frames are kept).\n"
        "#SBATCH --job-name=bragg-series\n"
        "#SBATCH --array=0-" +
        std::to_string(job.tasks - 1) + "\n";
    if (job.cpusPerTask > 0) s += "#SBATCH --cpus-per-task=" + std::to_string(job.cpusPerTask) + "\n";
    s += "#SBATCH --output=" + job.outdir +
         "/slurm-%A_%a.out\n"
         "set -euo pipefail\n"
         "cd " +
         shellQuote(job.workdir) +
         "\n"
         "exec " +
         shellQuote(job.bragg) + " series";
    for (const std::string& a : job.seriesArgs) {
        if (a == "--")
            s += " --shard \"${SLURM_ARRAY_TASK_ID}/" + tasks + "\" --threads \"${SLURM_CPUS_PER_TASK:-1}\"";
        s.append(1, ' ').append(shellQuote(a));  // (not " " + …: GCC 12 warns -Wrestrict there)
    }
    s += "\n";
    return s;
}

}  // namespace bragg::cli
