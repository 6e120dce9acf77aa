#include "CompareOptions.h"

#include <omp.h>

#include <algorithm>
#include <cstdio>

#include "core/Error.h"
#include "params/FlagParser.h"
#include "params/PhysicsMode.h"

namespace bragg::cli {

std::optional<Roi> MetricOptions::roiValue() const {
    if (roi.empty()) return std::nullopt;
    return Roi{roi[0], roi[1], roi[2], roi[3]};
}

void addMetricOptions(CLI::App& app, MetricOptions& o) {
    app.add_option("--roi", o.roi, "")->expected(4);
    app.add_option("--pearson-min", o.thresholds.pearsonMin, "");
    app.add_option("--sum-ratio-tol", o.thresholds.sumRatioTol, "")->check(CLI::NonNegativeNumber);
    app.add_option("--max-diff-rel", o.thresholds.maxAbsDiffRel, "")->check(CLI::NonNegativeNumber);
    app.add_option("--peak-distance-max", o.thresholds.peakDistanceMax, "");
    app.add_option("--atol", o.thresholds.atol, "")->check(CLI::NonNegativeNumber);
    app.add_option("--rtol", o.thresholds.rtol, "")->check(CLI::NonNegativeNumber);
    app.add_option("--peaks", o.peaks.maxPeaks, "")->check(CLI::Range(1, 100000));
    app.add_option("--peak-percentile", o.peaks.percentile, "")->check(CLI::Range(0.0, 100.0));
}

void addSideOptions(CLI::App& app, SideOptions& o, bool withFiles) {
    app.add_option("--engines", o.engines, "");
    app.add_option("--reference-bin", o.referenceBin, "");
    app.add_option("--candidate-bin", o.candidateBin, "");
    app.add_option("--reference-cmd", o.referenceCmd, "");
    app.add_option("--candidate-cmd", o.candidateCmd, "");
    app.add_option("--reference-env", o.referenceEnv, "")
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
    app.add_option("--candidate-env", o.candidateEnv, "")
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
    if (withFiles) {
        app.add_option("--reference-file", o.referenceFile, "");
        app.add_option("--candidate-file", o.candidateFile, "");
    }
    app.add_option("--timeout", o.timeoutSeconds, "")->check(CLI::PositiveNumber);
    app.add_option("--threads", o.threads, "")->check(CLI::Range(1, 1024));
    app.add_flag("--keep-scratch", o.keepScratch, "");
    app.add_option("--physics", o.physics, "");
    app.add_option("--candidate-physics", o.candidatePhysics, "");
}

SideSpecs sideSpecs(const SideOptions& o) {
    std::vector<std::string> names;
    for (std::size_t start = 0; start <= o.engines.size();) {
        const std::size_t comma = std::min(o.engines.find(',', start), o.engines.size());
        names.push_back(o.engines.substr(start, comma - start));
        start = comma + 1;
    }
    if (std::any_of(names.begin(), names.end(), [](const std::string& n) { return n.empty(); }) ||
        names.size() > 2)
        throw usageError(
            "--engines: expected REFERENCE,CANDIDATE (or one engine with --reference-bin or "
            "--candidate-bin), got '" +
            o.engines + "'");
    const auto given = [](std::initializer_list<const std::string*> options) {
        return std::count_if(options.begin(), options.end(),
                             [](const std::string* s) { return !s->empty(); });
    };
    if (given({&o.referenceBin, &o.referenceCmd, &o.referenceFile}) > 1)
        throw usageError(
            "--reference-bin, --reference-cmd and --reference-file each name the reference side: give one");
    if (given({&o.candidateBin, &o.candidateCmd, &o.candidateFile}) > 1)
        throw usageError(
            "--candidate-bin, --candidate-cmd and --candidate-file each name the candidate side: give one");
    const bool referenceProgram = given({&o.referenceBin, &o.referenceCmd, &o.referenceFile}) > 0;
    const bool candidateProgram = given({&o.candidateBin, &o.candidateCmd, &o.candidateFile}) > 0;
    if (names.size() == 1 && !referenceProgram && !candidateProgram)
        throw usageError(
            "--engines: two engines needed (REFERENCE,CANDIDATE) unless a side is a program or "
            "a file (--reference-bin/-cmd/-file, --candidate-bin/-cmd/-file)");
    const PhysicsFixes physics = parsePhysicsMode(o.physics, "--physics");
    const PhysicsFixes candidatePhysics =
        o.candidatePhysics.empty() ? physics : parsePhysicsMode(o.candidatePhysics, "--candidate-physics");
    // A program (--X-bin), a command template (--X-cmd), a file (--X-file), else an engine: with
    // one non-engine side a single engine name is the other side; with none, the first engine is
    // the reference's and the last the candidate's.
    const auto side = [&](const std::string& bin, const std::string& cmd, const std::string& file,
                          const std::string& which, const std::string& engine, const PhysicsFixes& fixes) {
        const std::vector<std::string>& env = which == "reference" ? o.referenceEnv : o.candidateEnv;
        if (!env.empty() && bin.empty() && cmd.empty())
            throw usageError("--" + which + "-env: the " + which + " side is not a program (--" + which +
                             "-bin or -cmd)");
        run::SideSpec s;
        s.environment = env;
        s.threads = o.threads;
        s.timeoutSeconds = o.timeoutSeconds;
        s.keepScratch = o.keepScratch;
        if (!file.empty()) {
            s.kind = run::SideKind::File, s.path = file, s.option = "--" + which + "-file";
        } else if (!bin.empty()) {
            s.kind = run::SideKind::Program, s.path = bin, s.option = "--" + which + "-bin";
        } else if (!cmd.empty()) {
            s.kind = run::SideKind::Command, s.command = cmd, s.option = "--" + which + "-cmd";
        } else {
            s.kind = run::SideKind::Engine, s.engine = engine, s.fixes = fixes, s.option = "--engines";
        }
        return s;
    };
    return {
        side(o.referenceBin, o.referenceCmd, o.referenceFile, "reference", names.front(), physics),
        side(o.candidateBin, o.candidateCmd, o.candidateFile, "candidate", names.back(), candidatePhysics)};
}

run::SidePair makeSides(const SideOptions& o) { return makeSides(sideSpecs(o), o.threads); }

run::SidePair makeSides(const SideSpecs& specs, int threads) {
    if (threads > 0) omp_set_num_threads(threads);
    run::SidePair sides;
    sides.reference.set(specs.reference);
    sides.candidate.set(specs.candidate);
    return sides;
}

run::RunResult runPair(run::SidePair& sides, const run::PreparedRun& prepared, const Thresholds& thresholds,
                       const std::optional<Roi>& roi, const PeakOptions& peaks,
                       const std::optional<RegionOptions>& regions, bool repeatCheck) {
    run::RunControls controls;
    run::RunRequest request;
    request.flags = prepared.flags;
    request.params = prepared.params;
    request.thresholds = thresholds;
    request.peaks = peaks;
    request.roi = roi;
    request.regions = regions;
    request.repeatCheck = repeatCheck;
    return run::runComparison(sides, request, controls);
}

PairRenderer pairRenderer(run::SidePair& sides) {
    return [&sides](const Params& p) {
        run::RunControls controls;
        run::RunRequest request;
        request.flags = toNanoBraggFlags(p);
        request.params = p;
        const run::RunResult r = run::runComparison(sides, request, controls);
        return ImagePair{*r.reference.image, *r.candidate.image};
    };
}

QuirkSide quirkSide(const run::SideSpec& reference, const Params& params,
                    std::shared_ptr<const Image> candidate) {
    QuirkSide q;
    q.fixes = reference.kind == run::SideKind::Engine ? reference.fixes : PhysicsFixes{};
    q.candidate = std::move(candidate);
    q.render = [reference, params](const PhysicsFixes& fixes) {
        run::Side side;
        side.set(run::correctedReference(reference, fixes));
        RenderControl control;
        return *side.run(toNanoBraggFlags(params), run::deriveFor(side, params), false, control).image;
    };
    return q;
}

SplitArgs splitAtSeparator(const std::vector<std::string>& args) {
    SplitArgs s;
    const auto separator = std::find(args.begin(), args.end(), "--");
    s.own.assign(args.begin(), separator);
    if (separator != args.end()) {
        s.hadSeparator = true;
        s.nanoBragg.assign(separator + 1, args.end());
    }
    return s;
}

std::vector<std::string> splitCommaList(const std::string& text) {
    std::vector<std::string> parts;
    for (std::size_t start = 0; start <= text.size();) {
        const std::size_t comma = std::min(text.find(',', start), text.size());
        if (comma > start) parts.push_back(text.substr(start, comma - start));
        start = comma + 1;
    }
    return parts;
}

void configureApp(CLI::App& app, bool& helpFlag) {
    app.set_help_flag();
    app.add_flag("-h,--help", helpFlag, "");
    app.allow_windows_style_options(false);
    // A repeated option: the last one wins, as for nanoBragg flags.
    app.option_defaults()->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
}

std::optional<int> parseWithCli11(CLI::App& app, const std::vector<std::string>& args, const char* verb,
                                  const char* helpText, bool& helpFlag) {
    std::vector<std::string> reversed(args.rbegin(), args.rend());  // CLI11 takes them last-first
    try {
        app.parse(reversed);
    } catch (const CLI::ParseError& e) {
        if (helpFlag) {
            std::fputs(helpText, stdout);
            return 0;
        }
        std::fprintf(stderr, "bragg %s: error: %s (see bragg %s --help)\n", verb, e.what(), verb);
        return 1;
    }
    if (helpFlag) {
        std::fputs(helpText, stdout);
        return 0;
    }
    return std::nullopt;
}

}  // namespace bragg::cli
