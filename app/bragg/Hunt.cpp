// bragg hunt: seeded random configurations over nanoBragg's feature families, both sides on each,
// every disagreement shrunk to a minimal command line; findings merged and reported.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>

#include "CompareExit.h"
#include "CompareOptions.h"
#include "Commands.h"
#include "HuntAttempt.h"
#include "HuntReport.h"
#include "core/Error.h"
#include "hunt/ConfigGenerator.h"
#include "hunt/Shrink.h"
#include "report/CompareJson.h"
#include "report/CompareSummary.h"

namespace bragg::cli {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::ordered_json;
using Clock = std::chrono::steady_clock;

constexpr const char* kHelp =
    "usage: bragg hunt [--reference-bin PATH] [--candidate-bin PATH] [--engines REF,CAND] [options]\n"
    "                  [--configs N | --time SECONDS] [--seed S] [--families LIST] [--outdir DIR]\n"
    "                  [--resume] [-- <base nanoBragg flags>]\n"
    "\n"
    "Searches for disagreement between two implementations. Draws seeded random nanoBragg\n"
    "configurations over the feature families (on small detectors, after the base flags), runs both\n"
    "sides on each and compares them with the verdict thresholds. Every failing configuration is\n"
    "shrunk to a minimal command line that still fails the same way (same kind of failure; for\n"
    "threshold failures at least one failed metric in common): flags removed by delta debugging,\n"
    "then one at a time, then values simplified (cell to cubic 100 A 90 deg, counts to 1-2, numbers\n"
    "to round ones, detector smaller), each step re-running both sides. Failures that shrink to the\n"
    "same flags are one finding. Writes DIR/hunt.json and DIR/hunt.md (per family: tried, failed,\n"
    "findings; each finding's minimal command line, metrics, pixel of largest difference and the\n"
    "configurations it came from); the generated input files of failing configurations are kept in\n"
    "DIR/inputs/INDEX. Progress on stderr. Ctrl-C or SIGTERM stops after the current run and writes\n"
    "the report so far. The same seed and count give the same report (not --time: it reports the\n"
    "count reached).\n"
    "\n"
    "options:\n"
    "  --configs N           configurations to try (default 100)\n"
    "  --time SECONDS        instead: start no configuration after this long\n"
    "  --seed S              seed of the configurations (default 1)\n"
    "  --families LIST       comma-separated families to draw from; -NAME excludes one. Families:\n"
    "                        geometry, rotations, cell, misset, mosaic, phi, divergence, dispersion,\n"
    "                        sourcefile, oversample, thickness, curved, point-pixel, polarization,\n"
    "                        shape, hkl, water, dmin, roi, flux\n"
    "  --size-max PX         detector side at most PX pixels (default 48)\n"
    "  --shrink-tests N      runs of both sides per shrink at most (default 250)\n"
    "  --outdir DIR          where the report goes (default hunt)\n"
    "  --resume              continue the hunt in DIR/hunt.json (its seed, families, size, base flags\n"
    "                        and thresholds unless given again; the sides must be the same)\n"
    "  --engines REF,CAND    engines for the two sides (default reference,optimized)\n"
    "  --reference-bin PATH  external nanoBragg-compatible program as the reference side\n"
    "  --candidate-bin PATH  external nanoBragg-compatible program as the candidate side (a port)\n"
    "  --reference-cmd 'CMD', --candidate-cmd 'CMD'\n"
    "                        a side run by a command template: {flags} (the nanoBragg flags), the\n"
    "                        output as {floatfile} (raw float32), {smvfile} or {npyfile}; {workdir},\n"
    "                        {fpixels}, {spixels}; e.g. 'python3 -m myport {flags} --out {npyfile}'\n"
    "  --reference-env NAME=VALUE, --candidate-env NAME=VALUE\n"
    "                        environment of a program side (repeatable), e.g. OMP_NUM_THREADS=1\n"
    "  --timeout SECONDS     kill a program side (and its process group) after this long (3600)\n"
    "  --threads N           OpenMP threads\n"
    "  --physics MODE, --candidate-physics MODE  as for bragg compare\n"
    "  --pearson-min, --sum-ratio-tol, --max-diff-rel, --peak-distance-max, --peaks,\n"
    "  --peak-percentile     as for bragg compare, but no peak check unless --peak-distance-max is\n"
    "                        given (on small detectors a 1e-7 difference can move a peak)\n"
    "  --quiet               no progress on stderr\n"
    "\n"
    "exit status: 0 no finding, 1 usage, 2 a side failed to run on some configuration (a finding of\n"
    "kind reference-failed/candidate-failed, or a side that fails on the first three), 3 findings,\n"
    "5 I/O error. After an interruption, the status of what was found so far.\n";

// The detector size flags: never removed while shrinking, only made smaller, unless the base
// flags set a size (without any the detector would be nanoBragg's default 1024 x 1024 pixels).
const std::vector<std::string> kDetectorSize = {"-detpixels", "-detpixels_f", "-detpixels_s"};

volatile std::sig_atomic_t gStopSignal = 0;
extern "C" void onStopSignal(int signal) { gStopSignal = signal; }

// SIGINT and SIGTERM set gStopSignal while a hunt runs; the previous handlers come back after.
class StopSignals {
public:
    StopSignals() {
        struct sigaction action {};
        action.sa_handler = onStopSignal;
        sigemptyset(&action.sa_mask);
        sigaction(SIGINT, &action, &oldInt_);
        sigaction(SIGTERM, &action, &oldTerm_);
    }
    ~StopSignals() {
        sigaction(SIGINT, &oldInt_, nullptr);
        sigaction(SIGTERM, &oldTerm_, nullptr);
    }
    StopSignals(const StopSignals&) = delete;
    StopSignals& operator=(const StopSignals&) = delete;

private:
    struct sigaction oldInt_ {};
    struct sigaction oldTerm_ {};
};

// The side and threshold options of the hunt's own arguments, for the report's reproducer
// (bragg compare --run takes the same ones).
std::string compareOptionsOf(const std::vector<std::string>& own) {
    static const std::set<std::string> withValue = {
        "--engines",   "--reference-bin",   "--candidate-bin", "--reference-cmd", "--candidate-cmd",
        "--reference-env", "--candidate-env", "--timeout",   "--threads",       "--physics",
        "--candidate-physics", "--pearson-min", "--sum-ratio-tol", "--max-diff-rel",
        "--peak-distance-max", "--peaks",     "--peak-percentile"};
    const auto quoted = [](const std::string& w) {
        return w.find_first_of(" '\"{}$") == std::string::npos ? w : "'" + w + "'";
    };
    std::string line = "bragg compare --run";
    bool peaks = false;
    for (std::size_t i = 0; i < own.size(); ++i) {
        peaks |= own[i].rfind("--peak-distance-max", 0) == 0;
        const std::string name = own[i].substr(0, own[i].find('='));
        if (own[i] == "--keep-scratch") line += " " + own[i];
        if (!withValue.count(name)) continue;
        line += " " + quoted(own[i]);
        if (name == own[i] && i + 1 < own.size()) line += " " + quoted(own[++i]);
    }
    return peaks ? line : line + " --peak-distance-max -1";  // hunt's default: no peak check
}

struct HuntOptions {
    MetricOptions metrics;
    SideOptions sides;
    int configs = 100;
    double timeSeconds = 0;
    std::uint64_t seed = 1;
    std::string families;
    int sizeMax = 48;
    int shrinkTests = 250;
    std::string outdir = "hunt";
    bool resume = false, quiet = false;
};

class Hunt {
public:
    Hunt(HuntState& state, PairAttempts& attempts, const HuntOptions& options, std::string reproduce)
        : state_(state), attempts_(attempts), options_(options), reproduce_(std::move(reproduce)) {
        generator_.maxPixels = state.settings.at("size_max").get<int>();
        generator_.families.clear();
        for (const std::string& name : state.settings.at("families").get<std::vector<std::string>>())
            generator_.families.push_back(*hunt::familyFromName(name));
        seed_ = state.settings.at("seed").get<std::uint64_t>();
        const auto base = state.settings.at("base_flags").get<std::vector<std::string>>();
        if (std::none_of(base.begin(), base.end(), [](const std::string& w) {
                return std::count(kDetectorSize.begin(), kDetectorSize.end(), w) > 0;
            }))
            pinned_ = kDetectorSize;
    }

    void run() {
        const auto start = Clock::now();
        const double elapsedBefore = state_.elapsedSeconds;
        auto lastWrite = start;
        const auto elapsed = [&] { return std::chrono::duration<double>(Clock::now() - start).count(); };
        state_.interrupted.reset();
        state_.stopped = "count";
        for (;;) {
            if (state_.configsRequested && state_.configsDone >= *state_.configsRequested) break;
            if (state_.timeBudgetSeconds && elapsed() >= *state_.timeBudgetSeconds) {
                state_.stopped = "time";
                break;
            }
            if (gStopSignal || !runConfiguration(state_.configsDone)) {
                state_.stopped = "interrupted";
                break;
            }
            ++state_.configsDone;
            state_.elapsedSeconds = elapsedBefore + elapsed();
            if (sideLooksBroken()) break;
            // Also now and then, so that a kill -9 loses little.
            if (std::chrono::duration<double>(Clock::now() - lastWrite).count() > 10) {
                writeHuntReport(options_.outdir, state_, reproduce_);
                lastWrite = Clock::now();
            }
            progress(false);
        }
        state_.elapsedSeconds = elapsedBefore + elapsed();
        writeHuntReport(options_.outdir, state_, reproduce_);
        std::error_code ignored;
        fs::remove(fs::path(options_.outdir) / "inputs", ignored);  // only if no failure kept files
        progress(true);
    }

    bool brokenSide() const { return broken_; }

private:
    // False if interrupted before the configuration was finished.
    bool runConfiguration(int index) {
        const hunt::Configuration c = hunt::drawConfiguration(seed_, index, generator_);
        const std::string inputsDir = "inputs/" + std::to_string(index);
        const fs::path inputs = fs::path(options_.outdir) / inputsDir;
        if (!c.files.empty()) {
            fs::create_directories(inputs);
            for (const hunt::GeneratedFile& f : c.files) std::ofstream(inputs / f.name) << f.content;
        }
        // The generated files by absolute name: the sides run in scratch directories.
        const auto resolved = [&](std::vector<std::string> flags) {
            for (std::string& w : flags)
                for (const hunt::GeneratedFile& f : c.files)
                    if (w == f.name) w = fs::absolute(inputs / f.name).string();
            return flags;
        };
        const Attempt first = attempts_.run(resolved(c.flags));
        if (first.invalid) {
            if (state_.skipped++ == 0) state_.firstSkipReason = first.invalidReason;
            say("configuration " + std::to_string(index) + " skipped: " + first.invalidReason);
            fs::remove_all(inputs);
            return true;
        }
        std::vector<std::string> families;
        for (hunt::Family f : c.families) families.push_back(hunt::familyName(f));
        for (const std::string& f : families) ++state_.families[f].tried;
        lastKinds_.push_back(first.signature.kind);
        if (first.signature.kind == hunt::FailureKind::None) {
            fs::remove_all(inputs);
            return true;
        }
        HuntOccurrence occurrence{index, c.flags, families,
                                  first.result.at("failures").get<std::vector<std::string>>(),
                                  c.files.empty() ? "" : inputsDir};
        say("configuration " + std::to_string(index) + " fails (" + describe(first.signature) + "): shrinking");

        hunt::ShrinkOptions shrink;
        shrink.maxTests = options_.shrinkTests;
        shrink.pinned = pinned_;
        shrink.stopRequested = [] { return gStopSignal != 0; };
        if (!options_.quiet) shrink.progress = [](const std::string& step) { std::fprintf(stderr, "hunt:   %s\n", step.c_str()); };
        const hunt::ShrinkResult shrunk = hunt::shrinkFlags(
            c.flags,
            [&](const std::vector<std::string>& flags) {
                const Attempt a = attempts_.run(resolved(flags));
                return !a.invalid && hunt::failsTheSameWay(first.signature, a.signature);
            },
            shrink);
        if (gStopSignal && !shrunk.complete) {
            state_.interrupted = occurrence;
            for (const std::string& f : families) --state_.families[f].tried;
            return false;
        }
        for (const std::string& f : families) ++state_.families[f].failed;
        // The minimal flags once more, for the finding's metrics (sides are deterministic).
        Attempt minimal = attempts_.run(resolved(shrunk.flags));
        if (minimal.invalid || !hunt::failsTheSameWay(first.signature, minimal.signature)) minimal = first;
        record(occurrence, first.signature, shrunk, minimal);
        return true;
    }

    void record(const HuntOccurrence& occurrence, const hunt::FailureSignature& signature,
                const hunt::ShrinkResult& shrunk, const Attempt& minimal) {
        // The merge key: the flag names left, without the detector size (always there, pinned).
        std::vector<std::string> names;
        for (const hunt::FlagGroup& g : hunt::splitFlagGroups(shrunk.flags))
            if (!std::count(kDetectorSize.begin(), kDetectorSize.end(), g[0])) names.push_back(g[0]);
        std::sort(names.begin(), names.end());
        const std::string kind = hunt::toString(signature.kind);
        for (HuntFinding& f : state_.findings) {
            if (f.kind == kind && f.flagNames == names) {
                f.occurrences.push_back(occurrence);
                say("configuration " + std::to_string(occurrence.index) + " → finding " + std::to_string(f.id) +
                    " again");
                return;
            }
        }
        HuntFinding f;
        f.id = int(state_.findings.size()) + 1;
        f.kind = kind;
        f.failedMetrics = minimal.signature.metrics;
        f.flagNames = names;
        f.minimalFlags = shrunk.flags;
        f.shrinkTests = shrunk.tests;
        f.shrinkComplete = shrunk.complete;
        f.result = minimal.result;
        f.occurrences.push_back(occurrence);
        std::string line;
        for (const std::string& w : shrunk.flags) line += " " + w;
        say("configuration " + std::to_string(occurrence.index) + " → new finding " + std::to_string(f.id) + " (" +
            std::to_string(shrunk.tests) + " tests):" + line);
        state_.findings.push_back(std::move(f));
    }

    // A side that fails to run on each of the first three configurations is broken, not buggy:
    // shrinking every configuration would only repeat that.
    bool sideLooksBroken() {
        if (lastKinds_.size() != 3 || state_.configsDone != 3) return false;
        const bool allFailed = std::all_of(lastKinds_.begin(), lastKinds_.end(), [&](hunt::FailureKind k) {
            return k == lastKinds_.front() &&
                   (k == hunt::FailureKind::ReferenceFailed || k == hunt::FailureKind::CandidateFailed);
        });
        if (!allFailed) return false;
        broken_ = true;
        std::fprintf(stderr, "bragg hunt: error: the %s side failed to run on each of the first three configurations; stopping (see %s/hunt.md)\n",
                     lastKinds_.front() == hunt::FailureKind::ReferenceFailed ? "reference" : "candidate",
                     options_.outdir.c_str());
        return true;
    }

    static std::string describe(const hunt::FailureSignature& s) {
        std::string text = hunt::toString(s.kind);
        for (std::size_t i = 0; i < s.metrics.size(); ++i) text += (i ? ", " : ": ") + s.metrics[i];
        return text;
    }

    void say(const std::string& line) const {
        if (!options_.quiet) std::fprintf(stderr, "hunt: %s\n", line.c_str());
    }

    // A status line every ~5 % of the configurations (or each one, on a terminal) and at the end.
    void progress(bool last) {
        if (options_.quiet) return;
        const int total = state_.configsRequested.value_or(0);
        const int every = isatty(STDERR_FILENO) || total <= 0 ? 1 : std::max(1, total / 20);
        if (!last && (state_.configsDone % every != 0 || state_.configsDone == total)) return;
        std::fprintf(stderr, "hunt: %d%s configurations, %d failed, %zu finding%s, %.1f s%s\n", state_.configsDone,
                     total > 0 ? ("/" + std::to_string(total)).c_str() : "", state_.failed(), state_.findings.size(),
                     state_.findings.size() == 1 ? "" : "s", state_.elapsedSeconds,
                     last ? (" (" + state_.stopped + ")").c_str() : "");
    }

    HuntState& state_;
    PairAttempts& attempts_;
    const HuntOptions& options_;
    std::string reproduce_;
    hunt::GeneratorOptions generator_;
    std::uint64_t seed_ = 0;
    std::vector<std::string> pinned_;
    std::vector<hunt::FailureKind> lastKinds_;  // of the configurations run in this invocation
    bool broken_ = false;
};

json sideJson(const SideRunner& side) {
    const report::SideInfo info = side.info();
    return {{"kind", info.kind}, {"name", info.name}};
}

}  // namespace

int runHunt(const std::vector<std::string>& args) {
    try {
        const SplitArgs split = splitAtSeparator(args);
        HuntOptions o;
        // No peak check unless asked for: on detectors of a few hundred pixels a 1e-7 difference on
        // a plateau makes one side's peak vanish (bragg compare then fails at pearson 1).
        o.metrics.thresholds.peakDistanceMax = -1;
        bool help = false;
        CLI::App app("bragg hunt");
        configureApp(app, help);
        addMetricOptions(app, o.metrics);
        addSideOptions(app, o.sides, false);
        app.add_option("--configs", o.configs, "")->check(CLI::Range(1, 100000000));
        app.add_option("--time", o.timeSeconds, "")->check(CLI::PositiveNumber);
        app.add_option("--seed", o.seed, "");
        app.add_option("--families", o.families, "");
        app.add_option("--size-max", o.sizeMax, "")->check(CLI::Range(8, 4096));
        app.add_option("--shrink-tests", o.shrinkTests, "")->check(CLI::Range(0, 100000));
        app.add_option("--outdir", o.outdir, "");
        app.add_flag("--resume", o.resume, "");
        app.add_flag("-q,--quiet", o.quiet, "");
        if (const auto status = parseWithCli11(app, split.own, "hunt", kHelp, help)) return *status;
        if (app.count("--configs") && app.count("--time")) throw usageError("--configs and --time: give one");
        if (!o.metrics.roi.empty()) throw usageError("--roi: not for bragg hunt (each configuration has its own detector size)");

        HuntState state;
        const std::string jsonPath = o.outdir + "/hunt.json";
        json saved;
        if (o.resume) {
            if (!fs::exists(jsonPath)) throw usageError("--resume: no " + jsonPath + " to continue");
            state = huntStateFromJson(report::readJsonFile(jsonPath), jsonPath);
            saved = state.settings;
        }
        // Settings: as given, else (resuming) as saved, else the defaults.
        const auto pick = [&](const char* option, const char* key, json value) {
            return app.count(option) || saved.is_null() ? value : saved.at(key);
        };
        json settings;
        settings["seed"] = pick("--seed", "seed", o.seed);
        settings["size_max"] = pick("--size-max", "size_max", o.sizeMax);
        std::vector<std::string> familyNames;
        for (hunt::Family f : o.families.empty() ? hunt::allFamilies() : hunt::selectFamilies(o.families))
            familyNames.push_back(hunt::familyName(f));
        settings["families"] = pick("--families", "families", familyNames);
        settings["base_flags"] = split.hadSeparator || saved.is_null() ? json(split.nanoBragg) : saved.at("base_flags");
        const bool thresholdsGiven = app.count("--pearson-min") || app.count("--sum-ratio-tol") ||
                                     app.count("--max-diff-rel") || app.count("--peak-distance-max");
        if (!thresholdsGiven && !saved.is_null())
            o.metrics.thresholds = report::thresholdsFromJson(saved.at("thresholds"), o.metrics.thresholds);
        settings["thresholds"] = report::toJson(o.metrics.thresholds);
        if (!app.count("--peaks") && !app.count("--peak-percentile") && !saved.is_null()) {
            o.metrics.peaks.maxPeaks = saved.at("peaks").at("top_n").get<int>();
            o.metrics.peaks.percentile = saved.at("peaks").at("percentile").get<double>();
        }
        settings["peaks"] = report::toJson(o.metrics.peaks);

        Sides sides = makeSides(o.sides);
        settings["reference"] = sideJson(*sides.reference);
        settings["candidate"] = sideJson(*sides.candidate);
        if (!saved.is_null())
            for (const char* side : {"reference", "candidate"})
                if (settings[side] != saved.at(side))
                    throw usageError(std::string("--resume: the ") + side + " side was " +
                                     saved.at(side).at("name").get<std::string>() + ", now " +
                                     settings[side].at("name").get<std::string>());
        state.settings = settings;
        if (app.count("--time")) {
            state.timeBudgetSeconds = o.timeSeconds, state.configsRequested.reset();
        } else if (app.count("--configs") || saved.is_null()) {
            state.configsRequested = o.configs, state.timeBudgetSeconds.reset();
        }

        fs::create_directories(o.outdir);
        const std::vector<std::string> base = settings["base_flags"].get<std::vector<std::string>>();
        PairAttempts attempts(sides, o.metrics, base);
        const StopSignals signals;
        gStopSignal = 0;
        Hunt hunt(state, attempts, o, compareOptionsOf(split.own));
        hunt.run();
        if (hunt.brokenSide() || state.anySideFailedToRun()) return kExitRunnerFailed;
        return state.findings.empty() ? kExitPass : kExitBelowThreshold;
    } catch (...) {
        return reportCurrentException("hunt");
    }
}

}  // namespace bragg::cli
