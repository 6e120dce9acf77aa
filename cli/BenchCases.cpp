#include "BenchCases.h"

#include <zlib.h>

#include <cstdlib>
#include <filesystem>

#include "core/Error.h"
#include "io/AtomicFile.h"

namespace bragg::cli {
namespace {

const std::vector<std::string> kBase{"-cell", "100",     "100", "100",       "90",  "90", "90", "-default_F",
                                     "100",   "-lambda", "1",   "-distance", "100", "-N", "5"};

std::vector<std::string> with(std::vector<std::string> flags, const std::vector<std::string>& extra) {
    flags.insert(flags.end(), extra.begin(), extra.end());
    return flags;
}

void gunzip(const std::string& from, const std::string& to) {
    gzFile in = gzopen(from.c_str(), "rb");
    if (!in) throw inputError(from + ": cannot open");
    std::string data;
    char buffer[1 << 16];
    int n;
    while ((n = gzread(in, buffer, sizeof buffer)) > 0) data.append(buffer, std::size_t(n));
    const bool failed = n < 0;
    gzclose(in);
    if (failed) throw inputError(from + ": corrupt gzip data");
    io::writeFileAtomically(to, data);
}

}  // namespace

std::string defaultBenchDataDir() {
    if (const char* dir = std::getenv("BRAGG_BENCH_DIR"); dir && *dir) return dir;
    return BRAGG_SOURCE_DIR "/../shared/bench";
}

std::vector<BenchCase> benchCases(const std::vector<std::string>& ids, const std::string& benchDataDir,
                                  const std::string& scratchDir) {
    std::vector<BenchCase> cases;
    for (const std::string& id : ids) {
        if (id == "A")
            cases.push_back({id, with(kBase, {"-detpixels", "1024"}), ""});
        else if (id == "B")
            cases.push_back({id, with(kBase, {"-detpixels", "2048"}), ""});
        else if (id == "C")
            cases.push_back({id,
                             with(kBase, {"-detpixels", "1024", "-mosaic", "0.5", "-mosaic_domains", "10",
                                          "-phisteps", "3", "-osc", "0.3", "-divergence", "0.5", "-divsteps",
                                          "3", "-dispersion", "0.2", "-dispsteps", "3"}),
                             ""});
        else if (id == "D")
            cases.push_back({id, with(kBase, {"-detpixels", "1024", "-oversample", "3"}), ""});
        else if (id == "E") {
            gunzip(benchDataDir + "/benchE_P1.hkl.gz", scratchDir + "/benchE_P1.hkl");
            cases.push_back(
                {id,
                 {"-cell", "70", "80", "90", "75", "85", "95", "-hkl", "benchE_P1.hkl", "-interpolate",
                  "-lambda", "1", "-distance", "100", "-detpixels", "1024", "-N", "5"},
                 scratchDir});
        } else {
            throw usageError("--cases: unknown case '" + id + "' (choose from A,B,C,D,E)");
        }
    }
    return cases;
}

}  // namespace bragg::cli
