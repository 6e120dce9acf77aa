// bragg simulate: nanoBragg's flags verbatim, plus --engine, --physics, --threads, --quiet.
#include <omp.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "report/CompareSummary.h"
#include "report/SetupJson.h"
#include "setup/SetupOf.h"
#include "Commands.h"
#include "ProgressBar.h"
#include "RunSummary.h"
#include "core/Error.h"
#include "output/FormatGeometry.h"
#include "output/SimulationOutputs.h"
#include "params/Derive.h"
#include "params/FlagParser.h"
#include "params/PhysicsMode.h"
#include "render/Engine.h"

namespace bragg::cli {
namespace {

struct SimulateOptions {
    std::string engine = "optimized";
    bool engineGiven = false;
    std::string precision = "float64";  // float32: the reference engine's float32 evaluation
    std::string physics = "nanobragg";
    int threads = 0;        // 0: OpenMP default
    std::string setupJson;  // --setup-json: the derived set-up (docs/setup.md)
    bool quiet = false;
    bool help = false;
    std::vector<std::string> nanoBraggFlags;
};

int parsePositiveInt(const std::string& flag, const std::string& text) {
    char* end = nullptr;
    const long value = std::strtol(text.c_str(), &end, 10);
    if (text.empty() || *end != '\0' || value < 1 || value > 1024)
        throw usageError(flag + ": expected a thread count 1..1024, got '" + text + "'");
    return int(value);
}

// BraggStudio's own options are GNU-style (two dashes); everything else is a nanoBragg flag.
SimulateOptions splitOptions(const std::vector<std::string>& args) {
    SimulateOptions o;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= args.size()) throw usageError(a + ": needs a value");
            return args[++i];
        };
        if (a == "--engine")
            o.engine = value(), o.engineGiven = true;
        else if (a.rfind("--engine=", 0) == 0)
            o.engine = a.substr(9), o.engineGiven = true;
        else if (a == "--precision")
            o.precision = value();
        else if (a.rfind("--precision=", 0) == 0)
            o.precision = a.substr(12);
        else if (a == "--physics")
            o.physics = value();
        else if (a.rfind("--physics=", 0) == 0)
            o.physics = a.substr(10);
        else if (a == "--threads")
            o.threads = parsePositiveInt(a, value());
        else if (a.rfind("--threads=", 0) == 0)
            o.threads = parsePositiveInt("--threads", a.substr(10));
        else if (a == "--setup-json")
            o.setupJson = value();
        else if (a == "--quiet" || a == "-q")
            o.quiet = true;
        else if (a == "--help" || a == "-h")
            o.help = true;
        else if (a.rfind("--", 0) == 0)
            throw usageError("unknown option '" + a + "' (see bragg simulate --help)");
        else
            o.nanoBraggFlags.push_back(a);
    }
    if (o.precision != "float64" && o.precision != "float32")
        throw usageError("--precision: expected float64 or float32, got '" + o.precision + "'");
    if (o.precision == "float32") {
        if (o.engineGiven && o.engine != "reference" && o.engine != "reference:f32")
            throw usageError(
                "--precision float32: only the reference engine has a float32 evaluation (not '" + o.engine +
                "')");
        o.engine = "reference:f32";
    }
    return o;
}

void printHelp() {
    std::printf(
        "usage: bragg simulate [--engine optimized|reference] [--precision float64|float32]\n"
        "                      [--physics MODE] [--threads N] [--setup-json FILE] [--quiet]\n"
        "                      <nanoBragg flags>\n"
        "\n"
        "Renders a diffraction image exactly as nanoBragg does and writes the files its flags ask for\n"
        "(-floatfile, -intfile, -pgmfile, -noisefile; defaults floatimage.bin, intimage.img, image.pgm,\n"
        "noiseimage.img). Every output is written to a temporary file and renamed when complete.\n"
        "\n"
        "options:\n"
        "  --engine NAME   optimized (default) or reference; both give the same image to < 1e-5\n"
        "  --precision P   float64 (default: nanoBragg's arithmetic) or float32: the reference engine\n"
        "                  with every per-pixel quantity in float, same loop order (engine\n"
        "                  reference:f32), i.e. what a float32 port computes\n"
        "  --physics MODE  nanobragg (default: every quirk of the original reproduced), corrected (the\n"
        "                  physically intended result), or a comma list of fixes, e.g. phi-zero,water\n"
        "                  or corrected,no-water. Fixes:\n%s"
        "  --threads N     OpenMP threads (default: all cores); the image does not depend on N\n"
        "  --setup-json FILE  also write the derived set-up (convention, beam centres, axes, cell,\n"
        "                  sources, mosaic domains, φ steps, …) as JSON, the schema a port may write\n"
        "                  for compare's {setupfile} (docs/setup.md)\n"
        "  --quiet         print nothing but errors\n"
        "\n"
        "exit status: 0 success, 1 bad flags or values, 5 unreadable/malformed input or unwritable\n"
        "output file, 6 job too large for memory\n"
        "\n"
        "nanoBragg flags:\n%s",
        physicsFixesHelp().c_str(), nanoBraggFlagsHelp().c_str());
}

}  // namespace

std::string physicsFixesHelp() {
    std::string text;
    for (const PhysicsFixInfo& info : physicsFixInfos()) {
        std::string name = info.name;
        name.resize(18, ' ');
        text += "                    " + name + info.summary + "\n";
    }
    return text;
}

int runSimulate(const std::vector<std::string>& args) {
    using Clock = std::chrono::steady_clock;
    try {
        const SimulateOptions options = splitOptions(args);
        if (options.help) {
            printHelp();
            return 0;
        }
        if (options.nanoBraggFlags.empty()) throw usageError("no flags given (see bragg simulate --help)");
        auto engine = makeEngine(options.engine);
        if (options.threads > 0) omp_set_num_threads(options.threads);

        const auto start = Clock::now();
        const PhysicsFixes fixes = parsePhysicsMode(options.physics);
        ParsedFlags parsed = parseNanoBraggFlags(options.nanoBraggFlags);
        parsed.params.fixes = fixes;
        for (const std::string& w : parsed.warnings)
            std::fprintf(stderr, "bragg simulate: warning: %s\n", w.c_str());
        const Experiment experiment = deriveExperiment(parsed.params);
        for (const std::string& w : experiment.warnings)
            std::fprintf(stderr, "bragg simulate: warning: %s\n", w.c_str());
        checkFormatGeometry(experiment);  // before the render, not after it
        const auto derived = Clock::now();

        RenderControl control;
        Image image;
        {
            ProgressBar bar(control, !options.quiet);
            image = engine->render(experiment, &control);
        }
        const auto rendered = Clock::now();
        const OutputReport report = writeSimulationOutputs(experiment, image);
        if (!options.setupJson.empty())
            report::writeJsonFile(options.setupJson, report::toJson(setup::setupOf(experiment)));
        const auto finished = Clock::now();

        if (!options.quiet) {
            RunTimes times;
            times.derive = std::chrono::duration<double>(derived - start).count();
            times.render = std::chrono::duration<double>(rendered - derived).count();
            times.total = std::chrono::duration<double>(finished - start).count();
            const std::string label =
                fixes.any() ? engine->name() + " [physics " + physicsModeName(fixes) + "]" : engine->name();
            printRunSummary(stdout, experiment, label, omp_get_max_threads(), report, times);
        }
        return 0;
    } catch (const Error& error) {
        std::fprintf(stderr, "bragg simulate: error: %s\n", error.what());
        return exitCodeFor(error.kind());
    } catch (const std::bad_alloc&) {
        std::fprintf(stderr, "bragg simulate: error: out of memory\n");
        return exitCodeFor(ErrorKind::Resource);
    }
}

}  // namespace bragg::cli
