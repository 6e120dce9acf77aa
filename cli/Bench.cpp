// bragg bench: reference vs optimized (cold and warm) vs optional programs (the original with
// --external, a port with --candidate-bin), on the cases A–E or on given flags. Prints a table,
// writes benchmark_results.json.
#include <omp.h>
#include <sys/resource.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "BenchCases.h"
#include "ChromeTrace.h"
#include "Commands.h"
#include "CompareExit.h"
#include "run/PreparedRun.h"
#include "run/SideRunner.h"
#include "compare/Metrics.h"
#include "core/Error.h"
#include "io/AtomicFile.h"
#include "io/RawFloat.h"
#include "params/Derive.h"
#include "params/FlagParser.h"
#include "render/OptimizedEngine.h"
#include "render/ReferenceEngine.h"

namespace bragg::cli {
namespace {

using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;

double seconds(Clock::time_point a, Clock::time_point b) {
    return std::chrono::duration<double>(b - a).count();
}

double median(std::vector<double> v) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

double peakRssMb() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss / 1024.0;
}

// Parse and derive inside the case's folder (its input files are relative to it).
Experiment deriveIn(const std::string& dir, const Params& p) {
    const fs::path previous = fs::current_path();
    if (!dir.empty()) fs::current_path(dir);
    try {
        Experiment e = deriveExperiment(p);
        fs::current_path(previous);
        return e;
    } catch (...) {
        fs::current_path(previous);
        throw;
    }
}

// A crystal-only edit (what a user does while tweaking): the first cell edge grows by 0.01%.
Params crystalEdit(Params p, int iteration) {
    if (p.cell) (*p.cell)[0] *= 1.0 + 1e-4 * (iteration % 2);
    return p;
}

// Times a nanoBragg-compatible program on the case (the shared program runner: scratch directory,
// output flags first, input files by absolute path); median wall seconds and its last image.
double timeProgram(const std::string& program, const char* option, const BenchCase& c, int iterations,
                   Image* image) {
    const run::PreparedRun prepared = run::prepareRun(c.flags, c.workDir.empty() ? "." : c.workDir);
    run::SideSpec spec;
    spec.kind = run::SideKind::Program;
    spec.path = program;
    spec.option = option;
    const std::unique_ptr<run::SideRunner> runner = run::makeProgramRunner(spec);
    const auto experiment = std::make_shared<const Experiment>(deriveExperiment(prepared.params));
    std::vector<double> times;
    for (int i = 0; i < iterations; ++i) {
        run::SideRun r = runner->run({prepared.flags, experiment, std::nullopt});
        times.push_back(r.seconds);
        *image = std::move(r.image);
    }
    return median(times);
}

struct BenchOptions {
    std::string cases = "A,B,C,D,E";
    int iterations = 5;
    int referenceIterations = -1;  // default: iterations
    int threads = 0;
    std::string json = "benchmark_results.json";
    std::string trace, external, candidateBin, benchData = defaultBenchDataDir();
    std::vector<std::string> flags;
};

nlohmann::json benchOne(const BenchCase& c, const BenchOptions& o, ChromeTrace& trace, int track) {
    const auto deriveStart = Clock::now();
    const Params params = parseNanoBraggFlags(c.flags).params;
    const Experiment e = deriveIn(c.workDir, params);
    trace.add("parameter derivation", c.id, deriveStart, seconds(deriveStart, Clock::now()), track);
    const long long pixels = static_cast<long long>(e.detector.fpixels) * e.detector.spixels;

    std::vector<double> refTimes;
    Image reference;
    ReferenceEngine referenceEngine;
    for (int i = 0; i < o.referenceIterations; ++i) {
        reference = Image{};  // its memory serves the next render (as for the optimized engine below)
        const auto t = Clock::now();
        reference = referenceEngine.render(e);
        refTimes.push_back(seconds(t, Clock::now()));
        trace.add("reference pixel loop", c.id, t, refTimes.back(), track);
    }

    std::vector<double> cold, coldSetup, coldSim, warm, warmSetup, warmSim;
    Image coldImage, warmImage;
    bool coldHit = true, warmHit = true;
    OptimizedEngine engine;
    // Each render's image reuses the previous one's memory (released first): "cold" is empty engine
    // caches, not fresh process memory. Fresh pages cost ~13 µs each on the VM this was measured
    // on (a 4 MB image: 1024 faults, 13.5 ms — three times A's render), and small allocations
    // between renders split freed chunks, so holding the previous image made the timing depend on
    // the heap's history instead of the engine.
    for (int i = 0; i < o.iterations; ++i) {
        engine.clearCaches();
        coldImage = Image{};
        const auto t = Clock::now();
        coldImage = engine.render(e);
        cold.push_back(seconds(t, Clock::now()));
        const OptimizedStats& s = engine.lastStats();
        coldSetup.push_back(s.setupSeconds);
        coldSim.push_back(s.simSeconds);
        coldHit = coldHit && s.cacheHit;
        trace.add("crystal tables", c.id, t, s.tablesSeconds, track + 1);
        trace.add(
            "detector geometry cache", c.id,
            t + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(s.tablesSeconds)),
            s.cacheSeconds, track + 1);
        trace.add(
            "pixel loop", c.id,
            t + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(s.setupSeconds)),
            s.simSeconds, track + 1);
    }
    // Warm: caches filled, a crystal-only change between renders; the last render is unedited.
    for (int i = 0; i < o.iterations; ++i) {
        const int edit = (o.iterations - i) % 2 == 0 ? 1 : 0;
        const Experiment edited = edit ? deriveIn(c.workDir, crystalEdit(params, 1)) : e;
        warmImage = Image{};
        const auto t = Clock::now();
        warmImage = engine.render(edited);
        warm.push_back(seconds(t, Clock::now()));
        const OptimizedStats& s = engine.lastStats();
        warmSetup.push_back(s.setupSeconds);
        warmSim.push_back(s.simSeconds);
        warmHit = warmHit && s.cacheHit;
        trace.add("warm re-render", c.id, t, warm.back(), track + 2);
    }
    const auto outputStart = Clock::now();
    const BasicMetrics mCold = basicMetrics(reference, coldImage), mWarm = basicMetrics(reference, warmImage);
    trace.add("output (metrics)", c.id, outputStart, seconds(outputStart, Clock::now()), track);

    nlohmann::json r{{"case", c.id},
                     {"flags", c.flags},
                     {"size", std::to_string(e.detector.fpixels) + "x" + std::to_string(e.detector.spixels)},
                     {"pixels", pixels},
                     {"evaluations_per_pixel", e.steps},
                     {"ref_time", median(refTimes)},
                     {"opt_time_cold", median(cold)},
                     {"opt_time_warm", median(warm)},
                     {"opt_setup_cold", median(coldSetup)},
                     {"opt_setup_warm", median(warmSetup)},
                     {"opt_sim_cold", median(coldSim)},
                     {"opt_sim_warm", median(warmSim)},
                     {"speedup_cold", median(refTimes) / median(cold)},
                     {"speedup_warm", median(refTimes) / median(warm)},
                     {"setup_speedup", median(coldSetup) / std::max(median(warmSetup), 1e-9)},
                     {"correlation_cold", mCold.pearson},
                     {"correlation_warm", mWarm.pearson},
                     {"sum_ratio", mCold.sumRatio},
                     {"max_abs_diff", mCold.maxAbsDiff},
                     {"max_abs_diff_relative", mCold.maxA > 0 ? mCold.maxAbsDiff / mCold.maxA : 0.0},
                     {"cache_hit_cold", coldHit},
                     {"cache_hit_warm", warmHit},
                     {"detector_cache_mb", engine.cacheBytes() / 1048576.0},
                     {"peak_rss_mb", peakRssMb()},
                     {"threads", omp_get_max_threads()},
                     {"isa", engine.lastStats().isa},
                     {"path", engine.lastStats().path},
                     {"iterations", o.iterations},
                     {"reference_iterations", o.referenceIterations},
                     {"external_time", nullptr},
                     {"speedup_vs_external", nullptr}};
    // Programs: the original (--external) and a port (--candidate-bin), timed like the engines
    // against the reference engine's image, in the same run so that the ratios compare.
    const double coldMedian = median(cold);
    if (!o.external.empty()) {
        Image external;
        const double t = timeProgram(o.external, "--external", c, o.iterations, &external);
        r["external_time"] = t;
        r["speedup_vs_external"] = t / coldMedian;
        r["correlation_external"] = basicMetrics(external, coldImage).pearson;
    }
    if (!o.candidateBin.empty()) {
        Image candidate;
        const double t = timeProgram(o.candidateBin, "--candidate-bin", c, o.iterations, &candidate);
        const double refMedian = median(refTimes);
        r["candidate_time"] = t;
        r["candidate_speedup_vs_reference"] = refMedian / t;
        r["candidate_speedup_vs_external"] = r["external_time"].is_null()
                                                 ? nlohmann::json(nullptr)
                                                 : nlohmann::json(r["external_time"].get<double>() / t);
        r["optimized_speedup_vs_candidate"] = t / coldMedian;
        r["correlation_candidate"] = basicMetrics(reference, candidate).pearson;
    }
    return r;
}

void printRow(const nlohmann::json& r) {
    std::printf("%-4s %-10s %9.3f %9.4f %9.4f %8.1fx %8.1fx %12.9f %10.3g %5s %7.0f %s\n",
                r["case"].get<std::string>().c_str(), r["size"].get<std::string>().c_str(),
                r["ref_time"].get<double>(), r["opt_time_cold"].get<double>(),
                r["opt_time_warm"].get<double>(), r["speedup_cold"].get<double>(),
                r["speedup_warm"].get<double>(), r["correlation_cold"].get<double>(),
                r["sum_ratio"].get<double>() - 1, r["cache_hit_warm"].get<bool>() ? "yes" : "no",
                r["peak_rss_mb"].get<double>(),
                ((r["external_time"].is_null()
                      ? std::string()
                      : "external " + std::to_string(r["external_time"].get<double>()) + " s ") +
                 (r.contains("candidate_time")
                      ? "candidate " + std::to_string(r["candidate_time"].get<double>()) + " s" +
                            " (pearson " + std::to_string(r["correlation_candidate"].get<double>()) + ")"
                      : std::string()))
                    .c_str());
    std::fflush(stdout);
}

}  // namespace

int runBench(const std::vector<std::string>& args) {
    BenchOptions o;
    CLI::App app("Benchmark the engines. Cases A-E are the optimized-engine issue's; or give flags after --.",
                 "bragg bench");
    app.add_option("--cases", o.cases, "comma-separated case ids (A,B,C,D,E)");
    app.add_option("--iterations", o.iterations, "renders per engine; medians are reported")
        ->check(CLI::Range(1, 1000));
    app.add_option("--reference-iterations", o.referenceIterations,
                   "reference renders (default: --iterations)");
    app.add_option("--threads", o.threads, "OpenMP threads")->check(CLI::Range(1, 1024));
    app.add_option("--json", o.json, "results file");
    app.add_option("--trace", o.trace, "Chrome-trace JSON of the stages");
    app.add_option("--external", o.external,
                   "a nanoBragg-compatible executable to time with the same flags (the original)");
    app.add_option(
        "--candidate-bin", o.candidateBin,
        "a nanoBragg-compatible port to time in the same run (ratios against the engines and --external)");
    app.add_option("--bench-data", o.benchData, "folder with benchE_P1.hkl.gz");
    app.add_option("flags", o.flags, "nanoBragg flags (after --)");
    try {
        std::vector<std::string> reversed(args.rbegin(), args.rend());
        app.parse(reversed);
    } catch (const CLI::ParseError& e) {
        return app.exit(e) == 0 ? 0 : 1;
    }
    try {
        if (o.referenceIterations < 0) o.referenceIterations = o.iterations;
        if (o.threads > 0) omp_set_num_threads(o.threads);
        const fs::path scratch = fs::temp_directory_path() / ("bragg-bench-" + std::to_string(getpid()));
        fs::create_directories(scratch);
        std::vector<BenchCase> cases;
        if (!o.flags.empty()) {
            cases.push_back({"custom", o.flags, ""});
        } else {
            std::vector<std::string> ids;
            std::string id;
            for (char ch : o.cases + ",") {
                if (ch == ',') {
                    if (!id.empty()) ids.push_back(id);
                    id.clear();
                } else {
                    id += ch;
                }
            }
            cases = benchCases(ids, o.benchData, scratch.string());
        }
        std::printf("%-4s %-10s %9s %9s %9s %9s %9s %12s %10s %5s %7s\n", "case", "size", "ref_s", "opt_cold",
                    "opt_warm", "x_cold", "x_warm", "correlation", "sum-1", "warm$", "rss_MB");
        ChromeTrace trace;
        nlohmann::json results = nlohmann::json::array();
        int track = 1;
        for (const BenchCase& c : cases) {
            results.push_back(benchOne(c, o, trace, track));
            printRow(results.back());
            track += 3;
        }
        fs::remove_all(scratch);
        io::writeFileAtomically(o.json, nlohmann::json{{"cases", results}}.dump(2) + "\n");
        if (!o.trace.empty()) trace.write(o.trace);
        return 0;
    } catch (...) {
        return reportCurrentException("bench");  // a failing program side is exit 2, as in compare
    }
}

}  // namespace bragg::cli
