// The `bragg` command line: one verb per subcommand. A library function, so tests call a verb
// in-process exactly as the executable does (app/bragg/main.cpp only sets the allocator up).
#include <cstdio>
#include <string>
#include <vector>

#include "BuildInfo.h"
#include "Commands.h"
#include "ManPage.h"
#include "render/OptimizedPlan.h"

namespace bragg::cli {
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

int run(std::vector<std::string> args) {
    if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
        std::fputs(kUsage, args.empty() ? stderr : stdout);
        return args.empty() ? 1 : 0;
    }
    if (args[0] == "--version" || args[0] == "version") {
        printVersion();
        return 0;
    }
    if (args[0] == "--help-man") return printManPage(kUsage);  // the build's bragg.1
    const std::string verb = args[0];
    args.erase(args.begin());
    if (verb == "simulate") return runSimulate(args);
    if (verb == "compare") return runCompare(args);
    if (verb == "bisect") return runBisect(args);
    if (verb == "parity") return runParity(args);
    if (verb == "bench") return runBench(args);
    if (verb == "trace") return runTrace(args);
    if (verb == "hunt") return runHunt(args);
    if (verb == "series") return runSeries(args);
    if (verb == "merge") return runMerge(args);
    std::fprintf(stderr, "bragg: unknown command '%s' (see bragg --help)\n", verb.c_str());
    return 1;
}

}  // namespace bragg::cli
