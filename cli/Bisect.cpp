// bragg bisect: when two sides disagree on some flags, re-run them with features ablated one at
// a time (then together) and report which ablation restores agreement.
#include <cstdio>
#include <filesystem>

#include "CompareExit.h"
#include "CompareOptions.h"
#include "CompareText.h"
#include "Commands.h"
#include "core/Error.h"
#include "report/SetupJson.h"
#include "report/CompareJson.h"
#include "report/CompareSummary.h"

namespace bragg::cli {
namespace {

namespace fs = std::filesystem;

constexpr const char* kHelp =
    "usage: bragg bisect [--reference-bin PATH] [--candidate-bin PATH] [--engines REF,CAND] [options]\n"
    "                    -- <nanoBragg flags>\n"
    "\n"
    "Runs both sides on the flags; if they disagree, re-runs them with one feature ablated at a time\n"
    "(each only if it is in use): single source, no mosaic, one phi step, oversample 1, interpolation\n"
    "off, one thickness layer, polarization off, detector rotations zero, default_F instead of HKL,\n"
    "square crystal instead of round/gauss/tophat, no detector thickness, no curved detector, beam\n"
    "centre at the detector centre, no misset (removes -misset and -misset_seed's reading as\n"
    "-misset alike), single wavelength, no divergence.\n"
    "Quirk attribution: the candidate is also compared with the reference side re-rendered with each\n"
    "corrected-physics fix that can change the image (--physics names: phi-zero, thickness,\n"
    "oversample-fold, interpolation, water, shape-limit; a program reference is stood in for by the\n"
    "reference engine, which reproduces nanoBragg to the last bit), then with all of them at once if\n"
    "none agrees alone. If the candidate agrees with reference + X, the report says \"candidate =\n"
    "original with X corrected\" (bisect.json \"quirk_attribution\").\n"
    "If no single ablation restores agreement, all of them together are tried and the combination\n"
    "is reduced to the ablations it needs. The report names the likely cause, or says that no\n"
    "ablation restores agreement (the difference is then elsewhere: geometry, beam centre, scaling).\n"
    "Ablated runs get their flags from the parsed parameters, so an external program sees the\n"
    "canonical nanoBragg spelling of every setting.\n"
    "\n"
    "options:\n"
    "  --engines REF,CAND    engines for the two sides (default "
    "reference,optimized)\n" BRAGG_HELP_SIDE_PROGRAMS BRAGG_HELP_SIDE_RUN
    "  --threads N           OpenMP threads\n"
    "  --physics MODE, --candidate-physics MODE  as for bragg compare\n"
    "  --outdir DIR          also write DIR/bisect.json\n"
    "  --roi, --pearson-min, --sum-ratio-tol, --max-diff-rel, --peak-distance-max, --peaks,\n"
    "  --peak-percentile     as for bragg compare\n"
    "  --quiet               print only the conclusion\n"
    "\n"
    "exit status: 0 the sides agree (nothing to bisect), 1 usage, 2 a runner failed, 3 they disagree\n"
    "(the bisection report says why), 4 size mismatch, 5 I/O or parse error\n";

}  // namespace

int runBisect(const std::vector<std::string>& args) {
    try {
        const SplitArgs split = splitAtSeparator(args);
        MetricOptions metrics;
        SideOptions sideOptions;
        std::string outdir;
        bool quiet = false, help = false;
        CLI::App app("bragg bisect");
        configureApp(app, help);
        addMetricOptions(app, metrics);
        addSideOptions(app, sideOptions, false);
        app.add_option("--outdir", outdir, "");
        app.add_flag("-q,--quiet", quiet, "");
        if (const auto status = parseWithCli11(app, split.own, "bisect", kHelp, help)) return *status;
        if (split.nanoBragg.empty())
            throw usageError("needs nanoBragg flags after -- (see bragg bisect --help)");

        const run::PreparedRun prepared = run::prepareRun(split.nanoBragg, ".");
        for (const std::string& w : prepared.warnings)
            std::fprintf(stderr, "bragg bisect: warning: %s\n", w.c_str());
        run::SidePair sides = makeSides(sideOptions);
        // The baseline uses the user's flags as given; ablations go through toNanoBraggFlags.
        const run::RunResult base =
            runPair(sides, prepared, metrics.thresholds, metrics.roiValue(), metrics.peaks);
        BisectOptions options{metrics.thresholds, base.summary.comparison.roi, metrics.peaks, {}};
        options.quirkSide = quirkSide(sides.reference.spec(), prepared.params, base.candidate.image);
        if (!quiet)
            options.progress = [](const std::string& step) {
                std::fprintf(stderr, "bisect: %s\n", step.c_str());
            };
        const BisectResult result =
            bragg::bisect(prepared.params, pairRenderer(sides), options, base.summary.comparison);
        if (!outdir.empty()) {
            fs::create_directories(outdir);
            nlohmann::ordered_json j = report::toJson(result);
            j["reference"] = report::toJson(base.summary.reference);
            j["candidate"] = report::toJson(base.summary.candidate);
            j["flags"] = prepared.flags;
            if (const auto& setup = base.summary.comparison.setup) j["setup"] = report::toJson(*setup);
            report::writeJsonFile(outdir + "/bisect.json", j);
        }
        // A set-up that differs is the likelier cause than any one ablated feature: said first.
        if (const auto& setup = base.summary.comparison.setup; setup && !setup->differences.empty())
            std::printf("%s (the most likely cause)\n", setup->line().c_str());
        if (quiet)
            std::printf("%s\n", result.conclusion.c_str());  // an attributed quirk leads it
        else
            printBisect(stdout, result);
        return result.outcome == BisectOutcome::Agree ? kExitPass : kExitBelowThreshold;
    } catch (...) {
        return reportCurrentException("bisect");
    }
}

}  // namespace bragg::cli
