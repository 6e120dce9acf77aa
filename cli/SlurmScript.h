#pragma once
// A Slurm job-array script for `bragg series`: one array task per shard of the frames.
#include <string>
#include <vector>

namespace bragg::cli {

struct SlurmJob {
    std::string bragg;    // absolute path of this bragg
    std::string workdir;  // where relative paths in the arguments resolve
    std::vector<std::string>
        seriesArgs;       // `bragg series` arguments without the distribution options, with "--"
    int tasks = 1;        // array tasks = shards
    int cpusPerTask = 0;  // --threads, 0: the cluster's default
    std::string outdir;   // the series folder (task logs go there)
};

// "#SBATCH --array=0-<tasks-1>", then the series command with
// --shard ${SLURM_ARRAY_TASK_ID}/<tasks> --threads ${SLURM_CPUS_PER_TASK:-1} before its "--".
std::string slurmScript(const SlurmJob& job);

// `text` as one POSIX shell word.
std::string shellQuote(const std::string& text);

}  // namespace bragg::cli
