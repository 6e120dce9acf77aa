// bragg hunt: seeded random configurations over nanoBragg's feature families, both sides on each,
// every disagreement shrunk to a minimal command line; findings merged and reported.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <set>

#include "CompareExit.h"
#include "CompareOptions.h"
#include "Commands.h"
#include "DistributionOptions.h"
#include "HuntLoop.h"
#include "SeriesPlan.h"
#include "ShardFile.h"
#include "core/Error.h"
#include "hunt/ConfigGenerator.h"
#include "report/CompareJson.h"
#include "report/CompareSummary.h"

namespace bragg::cli {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::ordered_json;

constexpr const char* kHelp =
    "usage: bragg hunt [--reference-bin PATH] [--candidate-bin PATH] [--engines REF,CAND] [options]\n"
    "                  [--configs N | --time SECONDS] [--seed S] [--families LIST] [--outdir DIR]\n"
    "                  [--resume] [--mpi] [--shard I/N] [-- <base nanoBragg flags>]\n"
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
    "  --engines REF,CAND    engines for the two sides (default "
    "reference,optimized)\n" BRAGG_HELP_SIDE_PROGRAMS BRAGG_HELP_SIDE_RUN
    "  --threads N           OpenMP threads\n"
    "  --physics MODE, --candidate-physics MODE  as for bragg compare\n"
    "  --pearson-min, --sum-ratio-tol, --max-diff-rel, --peak-distance-max, --peaks,\n"
    "  --peak-percentile     as for bragg compare, but no peak check unless --peak-distance-max is\n"
    "                        given (on small detectors a 1e-7 difference can move a peak)\n"
    "  --atol, --rtol        the per-pixel gate, as for bragg compare\n"
    "  --quiet               no progress on stderr\n"
    "\n"
    "distribution (configuration i is drawn from the seed and i, whoever runs it; results are added\n"
    "in configuration order, so the report is what one process writes):\n"
    "  --mpi                 under mpirun: rank 0 hands out configurations to the ranks as they\n"
    "                        finish and writes the report (with --configs; --resume continues)\n"
    "  --shard I/N           only configurations i with i mod N = I of --configs: writes\n"
    "                        DIR/hunt.shard-I-of-N.json and the failing ones' inputs; bragg merge\n"
    "                        DIR... writes hunt.json and hunt.md from the shards\n"
    "\n"
    "exit status: 0 no finding, 1 usage, 2 a side failed to run on some configuration (a finding of\n"
    "kind reference-failed/candidate-failed, or a side that fails on the first three), 3 findings,\n"
    "5 I/O error. After an interruption, the status of what was found so far. A shard: of its own\n"
    "configurations.\n";

// The side and threshold options of the hunt's own arguments, for the report's reproducer
// (bragg compare --run takes the same ones).
std::string compareOptionsOf(const std::vector<std::string>& own) {
    static const std::set<std::string> withValue = {
        "--engines",       "--reference-bin",     "--candidate-bin",
        "--reference-cmd", "--candidate-cmd",     "--reference-env",
        "--candidate-env", "--timeout",           "--threads",
        "--physics",       "--candidate-physics", "--pearson-min",
        "--sum-ratio-tol", "--max-diff-rel",      "--peak-distance-max",
        "--peaks",         "--peak-percentile",   "--atol",
        "--rtol"};
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
    DistributionOptions distribution;
    std::string outdir = "hunt";
    bool resume = false, quiet = false;
};

json sideJson(const run::Side& side) {
    const report::SideInfo info = side.info();
    return {{"kind", info.kind}, {"name", info.name}};
}

// One shard's configurations (i mod N = I of the --configs): hunt.shard-I-of-N.json, whose
// results bragg merge adds up. Its exit status is of its own configurations.
int runShard(const std::optional<mpi::Session>& session, const HuntState& state, PairAttempts& attempts,
             const HuntLoopOptions& loop, const Shard& shard, const std::string& reproduce) {
    const auto start = std::chrono::steady_clock::now();
    std::vector<int> items;
    for (int i = 0; i < state.configsRequested.value_or(0); ++i)
        if (shard.owns(i)) items.push_back(i);
    const auto results = runHuntItems(session ? &*session : nullptr, state, attempts, loop, items);
    if (session && session->rank() != 0) return 0;
    ShardOutput out{"hunt",
                    {{"settings", state.settings}, {"configs_requested", *state.configsRequested}},
                    {},
                    shard,
                    *state.configsRequested,
                    {}};
    out.extra = {
        {"elapsed_s", std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count()},
        {"reproduce", reproduce}};
    int failed = 0;
    bool sideFailed = false;
    for (const auto& [index, r] : results) {
        out.records[index] = toJson(r);
        failed += r.outcome == ConfigurationResult::Outcome::Failed;
        sideFailed |= r.kind == "reference-failed" || r.kind == "candidate-failed";
    }
    writeShardOutput(loop.outdir, out);
    std::printf(
        "hunt: shard %d/%d: %zu of %zu configurations, %d failed; combine the shards with bragg merge %s\n",
        shard.index, shard.count, results.size(), items.size(), failed, loop.outdir.c_str());
    if (sideFailed) return kExitRunnerFailed;
    return failed > 0 ? kExitBelowThreshold : kExitPass;
}

}  // namespace

int runHunt(const std::vector<std::string>& args) {
    std::optional<mpi::Session> session;
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
        addDistributionOptions(app, o.distribution);
        if (const auto status = parseWithCli11(app, split.own, "hunt", kHelp, help)) return *status;
        if (app.count("--configs") && app.count("--time")) throw usageError("--configs and --time: give one");
        const Shard shard = o.distribution.parsedShard();
        if ((o.distribution.mpi || shard.count > 1) && app.count("--time"))
            throw usageError(
                "--time: not with --mpi or --shard (give --configs: the count is what ranks and shards "
                "split)");
        if (shard.count > 1 && o.resume)
            throw usageError(
                "--resume: not with --shard (run the shard again: bragg merge takes its new output)");
        if (!o.metrics.roi.empty())
            throw usageError("--roi: not for bragg hunt (each configuration has its own detector size)");

        HuntState state;
        const std::string jsonPath = o.outdir + "/hunt.json";
        json saved;
        if (o.resume) {
            if (!fs::exists(jsonPath)) throw usageError("--resume: no " + jsonPath + " to continue");
            state = huntStateFromJson(report::readJsonFile(jsonPath), jsonPath);
            saved = state.settings;
        }
        // Settings: as given, else (resuming) as saved, else the defaults.
        const auto pick = [&](const char* option, const char* key, const json& value) {
            return app.count(option) || saved.is_null() ? value : saved.at(key);
        };
        json settings;
        settings["seed"] = pick("--seed", "seed", o.seed);
        settings["size_max"] = pick("--size-max", "size_max", o.sizeMax);
        std::vector<std::string> familyNames;
        for (hunt::Family f : o.families.empty() ? hunt::allFamilies() : hunt::selectFamilies(o.families))
            familyNames.push_back(hunt::familyName(f));
        settings["families"] = pick("--families", "families", familyNames);
        settings["base_flags"] =
            split.hadSeparator || saved.is_null() ? json(split.nanoBragg) : saved.at("base_flags");
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

        run::SidePair sides = makeSides(o.sides);
        settings["reference"] = sideJson(sides.reference);
        settings["candidate"] = sideJson(sides.candidate);
        if (!saved.is_null())
            for (const char* side : {"reference", "candidate"})
                if (settings[side] != saved.at(side))
                    throw usageError(std::string("--resume: the ") + side + " side was " +
                                     saved.at(side).at("name").get<std::string>() + ", now " +
                                     settings[side].at("name").get<std::string>());
        for (const auto& [key, value] : settings.items())
            if (!saved.is_null() && value != saved.at(key))
                throw usageError("--resume: " + jsonPath + " was made with other " + key + " (" +
                                 saved.at(key).dump() + "); a resumed hunt keeps its settings");
        state.settings = settings;
        if (app.count("--time")) {
            state.timeBudgetSeconds = o.timeSeconds, state.configsRequested.reset();
        } else if (app.count("--configs") || saved.is_null()) {
            state.configsRequested = o.configs, state.timeBudgetSeconds.reset();
        }

        if ((o.distribution.mpi || shard.count > 1) && !state.configsRequested)
            throw usageError("--resume: " + jsonPath +
                             " ran with --time; give --configs N with --mpi or --shard");
        fs::create_directories(o.outdir);
        const std::vector<std::string> base = settings["base_flags"].get<std::vector<std::string>>();
        PairAttempts attempts(sides, o.metrics, base);
        const HuntLoopOptions loop{o.outdir, o.shrinkTests, o.quiet};
        const std::string reproduce = compareOptionsOf(split.own);
        if (o.distribution.mpi) session.emplace();
        if (shard.count > 1)
            return exitStatus(session, runShard(session, state, attempts, loop, shard, reproduce));
        const bool brokenSide = session ? runHuntOverRanks(*session, state, attempts, loop, reproduce)
                                        : runHuntLoop(state, attempts, loop, reproduce);
        return exitStatus(session, huntExitCode(state, brokenSide));
    } catch (...) {
        return reportDistributedException("hunt", session);
    }
}

}  // namespace bragg::cli
