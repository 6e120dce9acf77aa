#include "CompareText.h"

#include <algorithm>
#include <string>

namespace bragg::cli {
namespace {

std::string sideText(const report::SideInfo& side) {
    char buffer[64] = "-";
    if (side.seconds) std::snprintf(buffer, sizeof buffer, "%.3f s", *side.seconds);
    return std::string(buffer) + " (" + side.kind + " " + side.name + ")";
}

void printRegions(std::FILE* out, const RegionReport& r) {
    const Registration& g = r.registration;
    if (g.shiftSignificant)
        std::fprintf(out,
                     "  shift       (%+.3f, %+.3f) px (fast, slow): pearson %.6g, %.6g after undoing it\n",
                     g.shiftFastPx, g.shiftSlowPx, g.pearsonUnshifted, g.pearsonShifted);
    else
        std::fprintf(out, "  shift       none above %.2f px\n", Registration::kSignificantShiftPx);
    std::fprintf(
        out,
        "  scale       candidate = %.6g x reference (least squares; rms residual %.3g%%, %.3g%% after)\n",
        r.scale.scale, 100 * r.scale.residualRmsRel, 100 * r.scale.residualRmsRelAfterScale);
    std::fprintf(out,
                 "  spots       %d: pearson %.6g, sum ratio %.6g; background pearson %.6g, sum ratio %.6g\n",
                 r.spots.peaks, r.spots.spots.pearson, r.spots.spots.sumRatio, r.spots.background.pearson,
                 r.spots.background.sumRatio);
    const auto failing = std::count_if(r.tiles.begin(), r.tiles.end(),
                                       [](const TileMetrics& t) { return !t.failures.empty(); });
    std::fprintf(out, "  tiles       %ld of %zu fail (%dx%d)\n", long(failing), r.tiles.size(),
                 r.options.tiles.columns, r.options.tiles.rows);
    if (r.shells.empty())
        std::fprintf(out, "  shells      skipped: %s\n", r.shellsSkipped.c_str());
    else
        std::fprintf(out,
                     "  shells      %zu (%s): sum ratio %.6g (low resolution) ... %.6g (high), pearson %.6g "
                     "... %.6g\n",
                     r.shells.size(), toString(r.options.shells.mode), r.shells.front().metrics.sumRatio,
                     r.shells.back().metrics.sumRatio, r.shells.front().metrics.pearson,
                     r.shells.back().metrics.pearson);
    if (!r.diagnosis.line.empty()) std::fprintf(out, "  diagnosis   %s\n", r.diagnosis.line.c_str());
}

// First, because a set-up that differs is the most likely cause of images that differ.
void printSetup(std::FILE* out, const setup::SetupComparison& s, Verdict verdict) {
    if (s.differences.empty()) {
        std::fprintf(out, "  set-up      same (%zu quantities: %s vs %s)\n", s.compared,
                     s.referenceSource.c_str(), s.candidateSource.c_str());
        return;
    }
    std::fprintf(out, "  set-up      DIFFERS in %zu of %zu quantities (%s vs %s)%s\n", s.differences.size(),
                 s.compared, s.referenceSource.c_str(), s.candidateSource.c_str(),
                 verdict == Verdict::Blocked ? ": the most likely cause" : "");
    for (const setup::Difference& d : s.differences)
        std::fprintf(out, "    %-26s %s vs %s\n", d.label.c_str(), d.reference.c_str(), d.candidate.c_str());
}

// The non-empty bins of the gate's histograms, e.g. "ulp histogram 0:4000 1..1:90 2..3:6".
void printHistograms(std::FILE* out, const PixelGate& g) {
    const auto bins = [&](const char* name, const std::vector<HistogramBin>& list) {
        std::fprintf(out, "  %s histogram", name);
        for (const HistogramBin& b : list)
            if (b.count == 0)
                continue;
            else if (b.from == b.to)
                std::fprintf(out, " %g:%zu", b.from, b.count);
            else
                std::fprintf(out, " %g..%g:%zu", b.from, b.to, b.count);
        std::fprintf(out, "\n");
    };
    bins("ulp", g.ulpDistance);
    bins("rel.error", g.relativeError);
}

}  // namespace

void printComparison(std::FILE* out, const report::CompareSummary& s) {
    const Comparison& c = s.comparison;
    const BasicMetrics& m = c.metrics;
    if (c.withinNoise.empty())
        std::fprintf(out, "verdict: %s\n", toString(c.verdict));
    else
        std::fprintf(out, "verdict: %s (within run-to-run noise: not a defect; see below)\n",
                     toString(c.verdict));
    if (c.setup) printSetup(out, *c.setup, c.verdict);
    std::fprintf(out, "  image       %d x %d", c.fpixels, c.spixels);
    if (c.roi)
        std::fprintf(out, ", ROI x %d..%d y %d..%d", c.roi->xmin, c.roi->xmax, c.roi->ymin, c.roi->ymax);
    std::fprintf(out, " (%zu pixels compared)\n", m.pixels);
    if (c.nonFinite.any()) {
        const auto counts = [](const NonFiniteCounts& n) {
            return std::to_string(n.nan) + " NaN, " + std::to_string(n.plusInf) + " +inf, " +
                   std::to_string(n.minusInf) + " -inf";
        };
        std::fprintf(out, "  non-finite  reference %s; candidate %s; %zu shared",
                     counts(c.nonFinite.reference).c_str(), counts(c.nonFinite.candidate).c_str(),
                     c.nonFinite.shared);
        if (!c.nonFinite.sharedFirst.empty())
            std::fprintf(out, ", first at fast %d slow %d", c.nonFinite.sharedFirst.front().fast,
                         c.nonFinite.sharedFirst.front().slow);
        std::fprintf(out, " (metrics over the %zu pixels finite in both)\n", m.finitePixels);
    }
    std::fprintf(out, "  pearson     %.9g (min %g)\n", m.pearson, c.thresholds.pearsonMin);
    std::fprintf(out, "  sums        reference %.9g, candidate %.9g, ratio %.9g (tolerance %g)\n", m.sumA,
                 m.sumB, m.sumRatio, c.thresholds.sumRatioTol);
    std::fprintf(out, "  max|diff|   %.6g at fast %d slow %d = %.3g of max|reference| %.6g\n", m.maxAbsDiff,
                 m.maxAbsDiffFast, m.maxAbsDiffSlow, c.maxAbsDiffRelative(), m.maxAbsA);
    std::fprintf(out, "  rmse        %.6g (mse %.6g)\n", m.rmse, m.mse);
    std::fprintf(out,
                 "  peaks       %d reference, %d candidate: mean %.3g px, max %.3g px, %.1f%% within 1 px\n",
                 c.peaks.peaksReference, c.peaks.peaksCandidate, c.peaks.meanDistance, c.peaks.maxDistance,
                 100 * c.peaks.fractionWithin1px);
    for (const std::string& line : whyLines(c)) std::fprintf(out, "  %s\n", line.c_str());
    if (c.pixelGate) printHistograms(out, *c.pixelGate);
    if (c.regions) printRegions(out, *c.regions);
    std::fprintf(out, "  reference   %s\n", sideText(s.reference).c_str());
    std::fprintf(out, "  candidate   %s\n", sideText(s.candidate).c_str());
    if (const auto up = report::speedup(s.reference, s.candidate))
        std::fprintf(out, "  speedup     %.2fx\n", *up);
    for (const std::string& f : c.failures) std::fprintf(out, "  FAILED: %s\n", f.c_str());
}

void printQuirkAttribution(std::FILE* out, const QuirkAttribution& q) {
    if (!q.trials.empty()) {
        std::fprintf(out, "  %-28s  %-8s %-12s %-12s %s\n", "reference + fix", "verdict", "pearson",
                     "sum ratio", "max|diff|");
        for (const QuirkTrial& t : q.trials) {
            std::string fixes;
            for (const std::string& f : t.fixes) fixes += (fixes.empty() ? "" : "+") + f;
            if (t.comparison)
                std::fprintf(out, "  %-28s  %-8s %-12.6g %-12.6g %.6g\n", fixes.c_str(),
                             toString(t.comparison->verdict), t.comparison->metrics.pearson,
                             t.comparison->metrics.sumRatio, t.comparison->metrics.maxAbsDiff);
            else
                std::fprintf(out, "  %-28s  ERROR    %s\n", fixes.c_str(), t.error.c_str());
        }
    }
    std::fprintf(out, "quirk attribution: %s\n", q.conclusion.c_str());
}

void printPrecisionCheck(std::FILE* out, const PrecisionCheck& p) {
    std::fprintf(out, "precision check (reference-f32: the reference engine in float32, same loop order):\n");
    const auto line = [out](const char* name, const BasicMetrics& m) {
        std::fprintf(out, "  %-26s pearson %-12.9g sum ratio %-12.9g max|diff| %.6g\n", name, m.pearson,
                     m.sumRatio, m.maxAbsDiff);
    };
    line("candidate vs reference", p.candidateVsReference);
    line("candidate vs reference-f32", p.candidateVsReferenceF32);
    line("reference-f32 vs reference", p.referenceF32VsReference);
    std::fprintf(out, "  %s\n", p.conclusion.c_str());
}

void printBisect(std::FILE* out, const BisectResult& r) {
    std::fprintf(out, "bisect: baseline %s (pearson %.6g, sum ratio %.6g)\n", toString(r.baseline.verdict),
                 r.baseline.metrics.pearson, r.baseline.metrics.sumRatio);
    if (!r.trials.empty()) {
        int width = 8;
        for (const BisectTrial& t : r.trials) width = std::max(width, int(describe(t.ablated).size()));
        std::fprintf(out, "  %-*s  %-8s %-12s %-12s %s\n", width, "ablation", "verdict", "pearson",
                     "sum ratio", "max|diff|");
        for (const BisectTrial& t : r.trials) {
            if (t.comparison)
                std::fprintf(out, "  %-*s  %-8s %-12.6g %-12.6g %.6g\n", width, describe(t.ablated).c_str(),
                             toString(t.comparison->verdict), t.comparison->metrics.pearson,
                             t.comparison->metrics.sumRatio, t.comparison->metrics.maxAbsDiff);
            else
                std::fprintf(out, "  %-*s  ERROR    %s\n", width, describe(t.ablated).c_str(),
                             t.error.c_str());
        }
    }
    if (r.quirks) printQuirkAttribution(out, *r.quirks);
    std::fprintf(out, "conclusion: %s\n", r.conclusion.c_str());
    if (r.closest) std::fprintf(out, "closest: %s\n", describe(r.trials[*r.closest].ablated).c_str());
}

}  // namespace bragg::cli
