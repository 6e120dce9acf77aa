// bragg compare: how far apart two images are — two files, or two engines (or an external
// nanoBragg-compatible program and an engine) run with identical flags — and a verdict.
#include <cstdio>
#include <filesystem>
#include <map>

#include "CompareExit.h"
#include "CompareOptions.h"
#include "CompareRegionOptions.h"
#include "CompareText.h"
#include "Commands.h"
#include "compare/DSpacingMap.h"
#include "core/Error.h"
#include "params/Derive.h"
#include "render/Engine.h"
#include "report/CompareJson.h"
#include "report/ComparisonImages.h"
#include "run/ComparisonRun.h"
#include "run/ImageFile.h"

namespace bragg::cli {
namespace {

namespace fs = std::filesystem;

constexpr const char* kHelp =
    "usage: bragg compare A B [options]\n"
    "       bragg compare --run [--reference-bin PATH] [--candidate-bin PATH] [--engines REF,CAND] "
    "[options]\n"
    "                     -- <nanoBragg flags>\n"
    "\n"
    "Compares a reference image A with a candidate image B and gives a verdict, PASS or BLOCKED.\n"
    "A and B are SMV files (recognised by their header) or raw float32 images (-floatfile), whose\n"
    "size is given by --size or read from a meta.json beside the file. With --run, both sides render\n"
    "the same nanoBragg flags: two engines of this program, or an external nanoBragg-compatible\n"
    "program (--reference-bin, run in a scratch directory with -floatfile added) against an engine.\n"
    "Relative input files in the flags (-hkl, -mat, ...) are resolved from the current directory.\n"
    "\n"
    "Writes to --outdir: summary.json (every metric, both sums, runtimes, speedup, arguments,\n"
    "binaries, ROI, thresholds, verdict), reference.png and candidate.png (one linked scale,\n"
    "in the app's colours), diff.png (candidate - reference: blue below, red above, symmetric scale),\n"
    "and with --diff-f32 the raw difference diff.f32.\n"
    "\n"
    "images:\n"
    "  --size F S            raw float images are F (fast) x S (slow) pixels\n"
    "run mode:\n"
    "  --run                 render both sides from the flags after --\n"
    "  --engines REF,CAND    engines for the two sides (default "
    "reference,optimized)\n" BRAGG_HELP_SIDE_PROGRAMS BRAGG_HELP_SIDE_FILES BRAGG_HELP_SIDE_RUN
    "  --threads N           OpenMP threads for engines and the program\n"
    "  --bisect              when BLOCKED, also bisect the flags (as bragg bisect; bisect.json)\n"
    "  --precision-check     also render the reference engine in float32 (reference-f32, same loop\n"
    "                        order) on the reference side's settings and report candidate vs reference,\n"
    "                        candidate vs reference-f32, reference-f32 vs reference; \"reference-f32\n"
    "                        agrees with candidate\" when the candidate's Pearson with reference-f32 is\n"
    "                        higher and its max|diff| no larger (summary.json \"precision\")\n"
    "  --keep-scratch        keep the program's scratch directories\n"
    "  --physics MODE        nanobragg (default), corrected, or a fix list, e.g. phi-zero,water\n"
    "                        or corrected,no-water (engine sides; see README \"Physics-corrected mode\")\n"
    "  --candidate-physics MODE  the candidate's mode only, e.g. --candidate-physics corrected\n"
    "                        shows what correcting nanoBragg's quirks changes\n"
    "metrics and verdict:\n"
    "  --roi XMIN XMAX YMIN YMAX   compare only these inclusive pixels (negative max = last)\n"
    "  --pearson-min X       correlation at least X (default 0.9999)\n"
    "  --sum-ratio-tol X     |sum(B)/sum(A) - 1| at most X (default 0.001)\n"
    "  --max-diff-rel X      max|B-A| at most X * max|A| (default 0: not checked)\n"
    "  --peak-distance-max P mean distance reference peak -> nearest candidate peak at most P px\n"
    "                        (default 1; negative: not checked)\n"
    "  --peaks N             peaks: the N brightest local maxima (default 100) ...\n"
    "  --peak-percentile P   ... above the P-th percentile of each image (default 99)\n" BRAGG_HELP_PIXEL_GATE
    "  --mask-png FILE, --mask-raw FILE  the gate's failing pixels as a PNG (white) and as raw\n"
    "                        bytes (1 failing, fast index fastest); summary.json \"pixel_gate\" has\n"
    "                        the count, share and histograms of relative error and float32 ULPs\n"
    "  --repeat-check        run each program/command side twice: a side whose runs differ is\n"
    "                        reported with its run-to-run noise floor (pearson, max|diff|), and a\n"
    "                        difference within the candidate's floor is said to be no defect\n"
    "orientation: when pearson fails (or the candidate's size is the reference's swapped), the 8\n"
    "  transposes and flips are tried; one that removes half of 1 - pearson is named (\"candidate\n"
    "  is the reference transposed (fast <-> slow)\") with pearson after undoing it\n"
    "regions (summary.json \"regions\"; not part of the verdict):\n"
    "  --tiles CxR           metrics per tile of a C (fast) x R (slow) grid (default 8x8)\n"
    "  --shells N            metrics per resolution shell, N shells (default 10; needs the\n"
    "                        geometry, so --run only)\n"
    "  --shell-mode count|inv-d2  shells of equal pixel count (default) or equal 1/d^2 width\n"
    "  The text output and summary.json also give the sub-pixel shift aligning B with A, the\n"
    "  least-squares scale B/A, metrics on A's spots and on the rest, and a one-line diagnosis.\n"
    "output:\n"
    "  --outdir DIR          where the files go (default compare-out; created if needed)\n"
    "  --scale lin|sqrt|log  intensity scale of the PNGs, the app's panels' (default sqrt)\n"
    "  --clip P              intensity range: [min, P-th percentile] of both images (default 99.5)\n"
    "  --scheme S            grey, inverted-grey (default), heat or viridis: the app's colour schemes\n"
    "  --diff-clip P         difference scale: +- the P-th percentile of |B-A| (default 99.5)\n"
    "  --diff-f32            also write diff.f32 (B - A, raw float32)\n"
    "  --quiet               print nothing but errors\n"
    "\n"
    "exit status:\n"
    "  0  PASS: every threshold met\n"
    "  1  usage: bad options or nanoBragg flags\n"
    "  2  a runner failed: an engine or a program side produced no image (exit status, signal,\n"
    "     --timeout, no output file or one of the wrong size; the message has its last output)\n"
    "  3  BLOCKED: below threshold (the files are still written)\n"
    "  4  size mismatch between the two images (a swapped size that a transpose explains is\n"
    "     compared after it: 3)\n"
    "  5  I/O or parse error: unreadable or malformed input, unwritable output\n";

struct CompareOptions {
    MetricOptions metrics;
    RegionCliOptions regions;
    SideOptions sides;
    std::vector<std::string> files;
    std::vector<int> size;
    std::string outdir = "compare-out";
    std::string maskPng, maskRaw;
    bool repeatCheck = false;
    report::ImageOptions images;
    bool run = false, bisect = false, quiet = false, help = false;
    bool precisionCheck = false;
};

std::vector<std::string> commandLine(const std::vector<std::string>& args) {
    std::vector<std::string> line{"bragg", "compare"};
    line.insert(line.end(), args.begin(), args.end());
    return line;
}

}  // namespace

int runCompare(const std::vector<std::string>& args) {
    try {
        const SplitArgs split = splitAtSeparator(args);
        CompareOptions o;
        CLI::App app("bragg compare");
        configureApp(app, o.help);
        addMetricOptions(app, o.metrics);
        addRegionOptions(app, o.regions);
        addSideOptions(app, o.sides);
        app.add_option("files", o.files, "");
        app.add_option("--size", o.size, "")->expected(2);
        app.add_option("--outdir", o.outdir, "");
        using display::ScaleKind, display::ColorScheme;
        const std::map<std::string, ScaleKind> scales{
            {"lin", ScaleKind::Linear}, {"sqrt", ScaleKind::Sqrt}, {"log", ScaleKind::Log}};
        const std::map<std::string, ColorScheme> schemes{{"grey", ColorScheme::Grey},
                                                         {"inverted-grey", ColorScheme::InvertedGrey},
                                                         {"heat", ColorScheme::Heat},
                                                         {"viridis", ColorScheme::Viridis}};
        app.add_option("--scale", o.images.intensity.scale, "")->transform(CLI::CheckedTransformer(scales));
        app.add_option("--clip", o.images.intensity.clipPercent, "")->check(CLI::Range(50.0, 100.0));
        app.add_option("--scheme", o.images.intensity.scheme, "")
            ->transform(CLI::CheckedTransformer(schemes));
        app.add_option("--diff-clip", o.images.difference.clipPercent, "")->check(CLI::Range(0.0, 100.0));
        app.add_flag("--diff-f32", o.images.writeDiffFloat, "");
        app.add_flag("--run", o.run, "");
        app.add_option("--mask-png", o.maskPng, "");
        app.add_option("--mask-raw", o.maskRaw, "");
        app.add_flag("--repeat-check", o.repeatCheck, "");
        app.add_flag("--bisect", o.bisect, "");
        app.add_flag("--precision-check", o.precisionCheck, "");
        app.add_flag("-q,--quiet", o.quiet, "");
        if (const auto status = parseWithCli11(app, split.own, "compare", kHelp, o.help)) return *status;
        const RegionOptions regionOptions = o.regions.value();  // a bad --tiles stops before any run
        if ((!o.maskPng.empty() || !o.maskRaw.empty()) && !o.metrics.thresholds.pixelGate())
            throw usageError(std::string(o.maskPng.empty() ? "--mask-raw" : "--mask-png") +
                             ": the mask is the per-pixel gate's: give --atol and/or --rtol");
        if (o.repeatCheck && !o.run)
            throw usageError("--repeat-check needs --run (a file cannot be run twice)");

        report::CompareSummary summary;
        summary.commandLine = commandLine(args);
        std::error_code noExe;  // /proc is Linux-only: without it the path is just left out
        const fs::path self = fs::canonical("/proc/self/exe", noExe);
        if (!noExe) summary.binaries["bragg"] = self.string();
        std::shared_ptr<const Image> reference, candidate;
        std::optional<run::PreparedRun> prepared;
        std::optional<run::SidePair> sides;
        std::optional<PrecisionCheck> precision;
        if (o.precisionCheck && !o.run) throw usageError("--precision-check needs --run");
        if (o.run) {
            if (!o.files.empty()) throw usageError("--run takes no image files (the flags go after --)");
            if (split.nanoBragg.empty())
                throw usageError("--run needs nanoBragg flags after -- (see bragg compare --help)");
            prepared = run::prepareRun(split.nanoBragg, ".");
            for (const std::string& w : prepared->warnings)
                std::fprintf(stderr, "bragg compare: warning: %s\n", w.c_str());
            sides = makeSides(o.sides);
            run::RunResult result = runPair(*sides, *prepared, o.metrics.thresholds, o.metrics.roiValue(),
                                            o.metrics.peaks, regionOptions, o.repeatCheck);
            const std::vector<std::string> line = summary.commandLine;
            const auto binaries = summary.binaries;
            summary = std::move(result.summary);
            summary.commandLine = line;
            summary.binaries.insert(binaries.begin(), binaries.end());
            reference = result.reference.image;
            candidate = result.candidate.image;
            if (o.precisionCheck) precision = run::precisionCheckOf(result);
        } else {
            if (o.files.size() != 2)
                throw usageError("expected two images A B, or --run (see bragg compare --help)");
            if (split.hadSeparator) throw usageError("nanoBragg flags after -- need --run");
            if (o.bisect) throw usageError("--bisect needs --run");
            std::optional<run::ImageSize> size;
            if (!o.size.empty()) size = run::ImageSize{o.size[0], o.size[1]};
            reference = std::make_shared<const Image>(run::readImageFile(o.files[0], size));
            candidate = std::make_shared<const Image>(run::readImageFile(o.files[1], size));
            summary.reference = {"file", o.files[0], {}, {}};
            summary.candidate = {"file", o.files[1], {}, {}};
            summary.comparison = run::compareSideImages(*reference, candidate, o.metrics.thresholds,
                                                        o.metrics.roiValue(), o.metrics.peaks);
            // Shells from an SMV header's geometry (the reference's, else the candidate's); none for
            // other files.
            std::optional<std::vector<double>> dSpacingA = run::headerDSpacingMapA(o.files[0]);
            if (!dSpacingA) dSpacingA = run::headerDSpacingMapA(o.files[1]);
            addRegions(summary.comparison, *reference, *candidate, regionOptions,
                       dSpacingA ? &*dSpacingA : nullptr);
        }

        fs::create_directories(o.outdir);
        o.images.difference.scale = o.images.intensity.scale;
        summary.files = report::writeComparisonImages(o.outdir, *reference, *candidate, o.images);
        if (summary.comparison.pixelGate)
            report::writePixelGateMask(*summary.comparison.pixelGate, o.maskPng, o.maskRaw);
        nlohmann::ordered_json json = report::toJson(summary);
        if (precision) json["precision"] = report::toJson(*precision);
        if (!o.maskPng.empty()) json["pixel_gate"]["mask_png"] = o.maskPng;
        if (!o.maskRaw.empty()) json["pixel_gate"]["mask_raw"] = o.maskRaw;

        std::optional<BisectResult> bisection;
        if (o.bisect && summary.comparison.verdict == Verdict::Blocked) {
            BisectOptions bo{o.metrics.thresholds, summary.comparison.roi, o.metrics.peaks, {}};
            if (!o.quiet)
                bo.progress = [](const std::string& step) {
                    std::fprintf(stderr, "bisect: %s\n", step.c_str());
                };
            bo.quirkSide = quirkSide(sides->reference.spec(), prepared->params, candidate);
            bisection = bragg::bisect(prepared->params, pairRenderer(*sides), bo, summary.comparison);
            json["bisect"] = report::toJson(*bisection);
        }
        report::writeJsonFile(o.outdir + "/summary.json", json);
        if (!o.quiet) {
            printComparison(stdout, summary);
            if (precision) printPrecisionCheck(stdout, *precision);
            if (bisection) printBisect(stdout, *bisection);
            std::printf("wrote %s/summary.json and %zu images\n", o.outdir.c_str(), summary.files.size());
        }
        return summary.comparison.verdict == Verdict::Pass ? kExitPass : kExitBelowThreshold;
    } catch (...) {
        return reportCurrentException("compare");
    }
}

}  // namespace bragg::cli
