#include "HuntLoop.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>

#include "CompareExit.h"
#include "hunt/ConfigGenerator.h"
#include "hunt/Shrink.h"

namespace bragg::cli {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

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

// One configuration, drawn from the hunt's seed and its index, run on both sides and shrunk if it
// fails. Writes only its inputs/INDEX folder (kept if it fails).
class ConfigurationRunner {
public:
    ConfigurationRunner(const nlohmann::ordered_json& settings, PairAttempts& attempts,
                        const HuntLoopOptions& options)
        : attempts_(attempts), options_(options) {
        generator_.maxPixels = settings.at("size_max").get<int>();
        generator_.families.clear();
        for (const std::string& name : settings.at("families").get<std::vector<std::string>>())
            generator_.families.push_back(*hunt::familyFromName(name));
        seed_ = settings.at("seed").get<std::uint64_t>();
        const auto base = settings.at("base_flags").get<std::vector<std::string>>();
        if (std::none_of(base.begin(), base.end(), [](const std::string& w) {
                return std::count(kDetectorSize.begin(), kDetectorSize.end(), w) > 0;
            }))
            pinned_ = kDetectorSize;
    }

    ConfigurationResult operator()(int index) {
        using Outcome = ConfigurationResult::Outcome;
        ConfigurationResult r;
        r.index = index;
        r.outcome = Outcome::Interrupted;
        if (gStopSignal) return r;  // not started
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
            say("configuration " + std::to_string(index) + " skipped: " + first.invalidReason);
            fs::remove_all(inputs);
            r.outcome = Outcome::Skipped, r.skipReason = first.invalidReason;
            return r;
        }
        for (hunt::Family f : c.families) r.families.push_back(hunt::familyName(f));
        r.kind = hunt::toString(first.signature.kind);
        if (first.signature.kind == hunt::FailureKind::None) {
            fs::remove_all(inputs);
            r.outcome = Outcome::Agree;
            return r;
        }
        r.occurrence = HuntOccurrence{index, c.flags, r.families,
                                      first.result.at("failures").get<std::vector<std::string>>(),
                                      c.files.empty() ? "" : inputsDir};
        say("configuration " + std::to_string(index) + " fails (" + describe(first.signature) +
            "): shrinking");

        hunt::ShrinkOptions shrink;
        shrink.maxTests = options_.shrinkTests;
        shrink.pinned = pinned_;
        shrink.stopRequested = [] { return gStopSignal != 0; };
        if (!options_.quiet)
            shrink.progress = [](const std::string& step) {
                std::fprintf(stderr, "hunt:   %s\n", step.c_str());
            };
        const hunt::ShrinkResult shrunk = hunt::shrinkFlags(
            c.flags,
            [&](const std::vector<std::string>& flags) {
                const Attempt a = attempts_.run(resolved(flags));
                return !a.invalid && hunt::failsTheSameWay(first.signature, a.signature);
            },
            shrink);
        if (gStopSignal && !shrunk.complete) return r;  // Interrupted, with its occurrence
        // The minimal flags once more, for the finding's metrics (sides are deterministic).
        Attempt minimal = attempts_.run(resolved(shrunk.flags));
        if (minimal.invalid || !hunt::failsTheSameWay(first.signature, minimal.signature)) minimal = first;
        HuntFinding f;
        f.kind = r.kind;
        f.failedMetrics = minimal.signature.metrics;
        // The merge key: the flag names left, without the detector size (always there, pinned).
        for (const hunt::FlagGroup& g : hunt::splitFlagGroups(shrunk.flags))
            if (!std::count(kDetectorSize.begin(), kDetectorSize.end(), g[0])) f.flagNames.push_back(g[0]);
        std::sort(f.flagNames.begin(), f.flagNames.end());
        f.minimalFlags = shrunk.flags;
        f.shrinkTests = shrunk.tests;
        f.shrinkComplete = shrunk.complete;
        f.result = minimal.result;
        r.finding = std::move(f);
        r.outcome = Outcome::Failed;
        return r;
    }

private:
    static std::string describe(const hunt::FailureSignature& s) {
        std::string text = hunt::toString(s.kind);
        for (std::size_t i = 0; i < s.metrics.size(); ++i) text += (i ? ", " : ": ") + s.metrics[i];
        return text;
    }

    void say(const std::string& line) const {
        if (!options_.quiet) std::fprintf(stderr, "hunt: %s\n", line.c_str());
    }

    PairAttempts& attempts_;
    const HuntLoopOptions& options_;
    hunt::GeneratorOptions generator_;
    std::uint64_t seed_ = 0;
    std::vector<std::string> pinned_;
};

// A status line every ~5 % of the configurations (or each one, on a terminal) and at the end.
void progress(const HuntState& state, const HuntLoopOptions& options, bool last) {
    if (options.quiet) return;
    const int total = state.configsRequested.value_or(0);
    const int every = isatty(STDERR_FILENO) || total <= 0 ? 1 : std::max(1, total / 20);
    if (!last && (state.configsDone % every != 0 || state.configsDone == total)) return;
    std::fprintf(stderr, "hunt: %d%s configurations, %d failed, %zu finding%s, %.1f s%s\n", state.configsDone,
                 total > 0 ? ("/" + std::to_string(total)).c_str() : "", state.failed(),
                 state.findings.size(), state.findings.size() == 1 ? "" : "s", state.elapsedSeconds,
                 last ? (" (" + state.stopped + ")").c_str() : "");
}

// The hunt's clock and report: elapsed time summed over resumed runs, the report rewritten now
// and then (so that a kill -9 loses little) and at the end.
class HuntProgress {
public:
    HuntProgress(HuntState& state, const HuntLoopOptions& options, std::string reproduce)
        : state_(state), options_(options), reproduce_(std::move(reproduce)), before_(state.elapsedSeconds) {
        state_.interrupted.reset();
        state_.stopped = "count";
    }
    double elapsed() const { return std::chrono::duration<double>(Clock::now() - start_).count(); }
    void configurationAdded() {
        state_.elapsedSeconds = before_ + elapsed();
        if (std::chrono::duration<double>(Clock::now() - lastWrite_).count() > 10) {
            writeHuntReport(options_.outdir, state_, reproduce_);
            lastWrite_ = Clock::now();
        }
        progress(state_, options_, false);
    }
    void finish() {
        state_.elapsedSeconds = before_ + elapsed();
        writeHuntReport(options_.outdir, state_, reproduce_);
        std::error_code ignored;
        fs::remove(fs::path(options_.outdir) / "inputs", ignored);  // only if no failure kept files
        progress(state_, options_, true);
    }

private:
    HuntState& state_;
    const HuntLoopOptions& options_;
    std::string reproduce_;
    double before_;
    Clock::time_point start_ = Clock::now(), lastWrite_ = start_;
};

}  // namespace

bool runHuntLoop(HuntState& state, PairAttempts& attempts, const HuntLoopOptions& options,
                 const std::string& reproduce) {
    const StopSignals signals;
    gStopSignal = 0;
    ConfigurationRunner runner(state.settings, attempts, options);
    HuntProgress clock(state, options, reproduce);
    HuntFold fold(state, options.quiet, options.outdir);
    for (;;) {
        if (state.configsRequested && state.configsDone >= *state.configsRequested) break;
        if (state.timeBudgetSeconds && clock.elapsed() >= *state.timeBudgetSeconds) {
            state.stopped = "time";
            break;
        }
        if (!fold.add(runner(state.configsDone))) break;
        clock.configurationAdded();
    }
    clock.finish();
    return fold.brokenSide();
}

bool runHuntOverRanks(const mpi::Session& session, HuntState& state, PairAttempts& attempts,
                      const HuntLoopOptions& options, const std::string& reproduce) {
    const StopSignals signals;
    gStopSignal = 0;
    ConfigurationRunner runner(state.settings, attempts, options);
    std::vector<int> items;
    for (int i = state.configsDone; i < state.configsRequested.value_or(0); ++i) items.push_back(i);
    std::optional<HuntProgress> clock;
    if (session.rank() == 0) clock.emplace(state, options, reproduce);
    HuntFold fold(state, options.quiet, options.outdir);
    std::map<int, ConfigurationResult> waiting;  // finished before an earlier configuration
    bool stopped = false;
    std::optional<CaughtError> failed;
    const ItemDone done = [&](int item, const ItemResult& r) {
        if (r.exitCode != 0) {
            if (!failed)
                failed = CaughtError{r.exitCode, "configuration " + std::to_string(item) + ": " + r.error};
            stopped = true;
            return;
        }
        waiting.emplace(item, configurationResultFromJson(nlohmann::ordered_json::parse(r.text)));
        while (!stopped && waiting.count(state.configsDone)) {
            const auto next = waiting.extract(state.configsDone);
            stopped = !fold.add(next.mapped());
            if (!stopped) clock->configurationAdded();
        }
    };
    mpi::runItems(
        session, items, [&](int i) { return toJson(runner(i)).dump(); }, done);
    if (session.rank() != 0) return false;
    if (failed) throw DescribedError(*failed);
    // Configurations after a stop are not part of the hunt (one process would not have run them).
    for (const auto& [index, r] : waiting)
        if (r.occurrence && !r.occurrence->inputsDir.empty())
            fs::remove_all(fs::path(options.outdir) / r.occurrence->inputsDir);
    clock->finish();
    return fold.brokenSide();
}

std::map<int, ConfigurationResult> runHuntItems(const mpi::Session* session, const HuntState& state,
                                                PairAttempts& attempts, const HuntLoopOptions& options,
                                                const std::vector<int>& items) {
    const StopSignals signals;
    gStopSignal = 0;
    ConfigurationRunner runner(state.settings, attempts, options);
    std::map<int, ConfigurationResult> results;
    std::optional<CaughtError> failed;
    const ItemDone done = [&](int item, const ItemResult& r) {
        if (r.exitCode != 0) {
            if (!failed)
                failed = CaughtError{r.exitCode, "configuration " + std::to_string(item) + ": " + r.error};
            return;
        }
        ConfigurationResult result = configurationResultFromJson(nlohmann::ordered_json::parse(r.text));
        if (result.outcome != ConfigurationResult::Outcome::Interrupted)
            results.emplace(item, std::move(result));
        if (!options.quiet)
            std::fprintf(stderr, "hunt: %zu/%zu configurations of this shard\n", results.size(),
                         items.size());
    };
    const ItemWork work = [&](int i) { return toJson(runner(i)).dump(); };
    if (session)
        mpi::runItems(*session, items, work, done);
    else
        runItemsHere(items, work, done);
    if (failed && (!session || session->rank() == 0)) throw DescribedError(*failed);
    return results;
}

}  // namespace bragg::cli
