#include "HuntLoop.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>

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

class Hunt {
public:
    Hunt(HuntState& state, PairAttempts& attempts, const HuntLoopOptions& options, std::string reproduce)
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
                say("configuration " + std::to_string(occurrence.index) + " → finding " +
                    std::to_string(f.id) + " again");
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
        say("configuration " + std::to_string(occurrence.index) + " → new finding " + std::to_string(f.id) +
            " (" + std::to_string(shrunk.tests) + " tests):" + line);
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
        std::fprintf(stderr,
                     "bragg hunt: error: the %s side failed to run on each of the first three "
                     "configurations; stopping (see %s/hunt.md)\n",
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
        std::fprintf(stderr, "hunt: %d%s configurations, %d failed, %zu finding%s, %.1f s%s\n",
                     state_.configsDone, total > 0 ? ("/" + std::to_string(total)).c_str() : "",
                     state_.failed(), state_.findings.size(), state_.findings.size() == 1 ? "" : "s",
                     state_.elapsedSeconds, last ? (" (" + state_.stopped + ")").c_str() : "");
    }

    HuntState& state_;
    PairAttempts& attempts_;
    const HuntLoopOptions& options_;
    std::string reproduce_;
    hunt::GeneratorOptions generator_;
    std::uint64_t seed_ = 0;
    std::vector<std::string> pinned_;
    std::vector<hunt::FailureKind> lastKinds_;  // of the configurations run in this invocation
    bool broken_ = false;
};

}  // namespace

bool runHuntLoop(HuntState& state, PairAttempts& attempts, const HuntLoopOptions& options,
                 const std::string& reproduce) {
    const StopSignals signals;
    gStopSignal = 0;
    Hunt hunt(state, attempts, options, reproduce);
    hunt.run();
    return hunt.brokenSide();
}

}  // namespace bragg::cli
