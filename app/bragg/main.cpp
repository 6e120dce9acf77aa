// bragg: the BraggStudio command-line tool. Dispatches to one verb per subcommand.
#include <malloc.h>

#include <cstdio>
#include <string>
#include <vector>

#include "BuildInfo.h"
#include "Commands.h"
#include "ManPage.h"
#include "render/OptimizedPlan.h"

namespace {

constexpr const char* kUsage =
    "usage: bragg <command> [options]\n"
    "\n"
    "commands:\n"
    "  simulate   render a diffraction image from nanoBragg flags (bragg simulate --help)\n"
    "  compare    compare two images, or two engines on the same flags: metrics and verdict\n"
    "  bisect     find which feature makes two engines disagree (ablates one at a time)\n"
    "  parity     run a catalogue of comparison cases and write a parity report\n"
    "  bench      time the engines on the benchmark cases (bragg bench --help)\n"
    "  trace      one pixel's intermediate values from two engines, aligned, first divergence marked\n"
    "  hunt       search random configurations for disagreement; shrink each to a minimal command line\n"
    "  series     render a rotation series or a sweep, frame by frame; resumable; MPI or Slurm shards\n"
    "  merge      combine the shards of a series (bragg series --shard) into one manifest\n"
    "\n"
    "  bragg --version    version, git commit, compiler\n"
    "  bragg --help       this text\n";

void printVersion() {
    std::printf("bragg %s (commit %s, %s, %s build)\n", bragg::build::version, bragg::build::gitCommit,
                bragg::build::compiler, bragg::build::buildType);
    std::string isas;
    for (const std::string& isa : bragg::availableIsas()) isas += (isas.empty() ? "" : ", ") + isa;
    std::printf("optimized-engine kernels on this CPU: %s (default %s; BRAGG_ISA overrides)\n", isas.c_str(),
                bragg::availableIsas().front().c_str());
}

}  // namespace

int main(int argc, char** argv) {
    // Keep freed image buffers in the heap instead of returning them to the OS: each fresh
    // multi-megabyte mapping is page-faulted again, which on virtual machines can cost more
    // than rendering the image.
    mallopt(M_MMAP_THRESHOLD, 32 * 1024 * 1024);
    mallopt(M_TRIM_THRESHOLD, 256 * 1024 * 1024);
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
        std::fputs(kUsage, args.empty() ? stderr : stdout);
        return args.empty() ? 1 : 0;
    }
    if (args[0] == "--version" || args[0] == "version") {
        printVersion();
        return 0;
    }
    if (args[0] == "--help-man") return bragg::cli::printManPage(kUsage);  // the build's bragg.1
    const std::string verb = args[0];
    args.erase(args.begin());
    if (verb == "simulate") return bragg::cli::runSimulate(args);
    if (verb == "compare") return bragg::cli::runCompare(args);
    if (verb == "bisect") return bragg::cli::runBisect(args);
    if (verb == "parity") return bragg::cli::runParity(args);
    if (verb == "bench") return bragg::cli::runBench(args);
    if (verb == "trace") return bragg::cli::runTrace(args);
    if (verb == "hunt") return bragg::cli::runHunt(args);
    if (verb == "series") return bragg::cli::runSeries(args);
    if (verb == "merge") return bragg::cli::runMerge(args);
    std::fprintf(stderr, "bragg: unknown command '%s' (see bragg --help)\n", verb.c_str());
    return 1;
}
