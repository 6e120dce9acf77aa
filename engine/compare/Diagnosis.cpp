#include "compare/Diagnosis.h"

#include <algorithm>
#include <cmath>
#include <cstdarg>
#include <cstdio>
#include <numeric>
#include <optional>

namespace bragg {
namespace {

constexpr double kShiftExplains = 0.5;   // undoing the shift removes ≥ half of 1 − pearson
constexpr double kScaleExplains = 0.1;   // scaling leaves ≤ 10% of the rms residual
constexpr double kTrendRank = 0.8;       // |rank correlation| of a shell metric with resolution
constexpr double kSpotShare = 0.9;       // share of Σ Δ² on the spots
constexpr double kSpotPixelsMax = 0.5;   // spots cover at most this share of the pixels
constexpr double kSpotsMovedPx = 0.25;   // mean spot centroid displacement above this: spots move
constexpr double kLocalTilesMax = 0.25;  // failing tiles at most this share of the grid ...
constexpr double kLocalShare = 0.8;      // ... holding at least this share of Σ Δ²

std::string format(const char* fmt, ...) {
    char buffer[512];
    va_list args;
    va_start(args, fmt);
    std::vsnprintf(buffer, sizeof buffer, fmt, args);
    va_end(args);
    return buffer;
}

// Rounded to the printed 0.01 px first, so a tiny negative value prints +0.00, not -0.00.
double signedPx(double v) { return std::fabs(v) < 0.005 ? 0.0 : v; }

double squaredDiffSum(const BasicMetrics& m) { return m.mse * double(m.finitePixels); }

// Spearman's rank correlation of y with its index (ties get their mean rank).
double rankCorrelationWithIndex(const std::vector<double>& y) {
    const std::size_t n = y.size();
    if (n < 2) return 0;
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return y[a] < y[b]; });
    std::vector<double> rank(n);
    for (std::size_t i = 0; i < n;) {
        std::size_t j = i;
        while (j + 1 < n && y[order[j + 1]] == y[order[i]]) ++j;
        for (std::size_t k = i; k <= j; ++k) rank[order[k]] = 0.5 * double(i + j);
        i = j + 1;
    }
    const double mean = 0.5 * double(n - 1);
    double sxy = 0, sxx = 0, syy = 0;
    for (std::size_t i = 0; i < n; ++i) {
        sxy += (double(i) - mean) * (rank[i] - mean);
        sxx += (double(i) - mean) * (double(i) - mean);
        syy += (rank[i] - mean) * (rank[i] - mean);
    }
    return syy > 0 ? sxy / std::sqrt(sxx * syy) : 0.0;
}

std::string dRange(const ShellMetrics& s) {
    if (std::isinf(s.dMaxA)) return format("d >= %.4g A", s.dMinA);
    return format("d %.4g-%.4g A", s.dMaxA, s.dMinA);
}

std::optional<Diagnosis> shift(const DiagnosisInputs& in) {
    const Registration& r = in.registration;
    if (!r.shiftSignificant || !(r.pearsonShifted > r.pearsonUnshifted)) return std::nullopt;
    if (!(1 - r.pearsonShifted <= kShiftExplains * (1 - r.pearsonUnshifted))) return std::nullopt;
    return Diagnosis{
        DiagnosisKind::Shift,
        format("candidate is shifted by (%+.2f, %+.2f) px (fast, slow): pearson %.6g, %.6g after "
               "undoing the shift: check the beam centre and pix0",
               signedPx(r.shiftFastPx), signedPx(r.shiftSlowPx), r.pearsonUnshifted, r.pearsonShifted)};
}

std::optional<Diagnosis> scale(const DiagnosisInputs& in) {
    const ScaleFit& s = in.scale;
    if (!(in.whole.pearson >= in.thresholds.pearsonMin) ||
        !(std::fabs(s.scale - 1) > in.thresholds.sumRatioTol))
        return std::nullopt;
    if (!(s.residualRmsRelAfterScale <= kScaleExplains * s.residualRmsRel)) return std::nullopt;
    return Diagnosis{
        DiagnosisKind::Scale,
        format("candidate = %.6g x reference (least squares; rms residual %.3g%% of the candidate, "
               "%.3g%% after scaling; pearson %.9g): a scale alone: check the overall "
               "normalisation (fluence, steps, r_e^2)",
               s.scale, 100 * s.residualRmsRel, 100 * s.residualRmsRelAfterScale, in.whole.pearson)};
}

std::optional<Diagnosis> resolution(const DiagnosisInputs& in) {
    std::vector<const ShellMetrics*> shells;
    for (const ShellMetrics& s : in.shells)
        if (s.metrics.finitePixels > 0) shells.push_back(&s);
    if (shells.size() < 3) return std::nullopt;
    std::vector<double> ratio, disagreement;
    for (const ShellMetrics* s : shells) {
        ratio.push_back(s->metrics.sumRatio);
        disagreement.push_back(1 - s->metrics.pearson);
    }
    const ShellMetrics &inner = *shells.front(), &outer = *shells.back();
    const bool ratioTrend =
        std::fabs(rankCorrelationWithIndex(ratio)) >= kTrendRank &&
        std::fabs(outer.metrics.sumRatio - inner.metrics.sumRatio) > in.thresholds.sumRatioTol;
    const double innerLoss = 1 - inner.metrics.pearson, outerLoss = 1 - outer.metrics.pearson;
    const bool pearsonTrend = rankCorrelationWithIndex(disagreement) >= kTrendRank &&
                              outerLoss > std::max(2 * innerLoss, 1 - in.thresholds.pearsonMin);
    if (!ratioTrend && !pearsonTrend) return std::nullopt;
    return Diagnosis{
        DiagnosisKind::Resolution,
        format("agreement changes with resolution (%zu shells): sum ratio %.6g at %s, %.6g at %s; "
               "pearson %.6g, %.6g: check lambda, dispersion, mosaicity, polarization, solid angle",
               shells.size(), inner.metrics.sumRatio, dRange(inner).c_str(), outer.metrics.sumRatio,
               dRange(outer).c_str(), inner.metrics.pearson, outer.metrics.pearson)};
}

std::optional<Diagnosis> spotsMoved(const DiagnosisInputs& in) {
    const SpotMetrics& s = in.spots;
    if (s.centroidSpots == 0 || !(s.meanCentroidShiftPx > kSpotsMovedPx)) return std::nullopt;
    return Diagnosis{
        DiagnosisKind::SpotsMoved,
        format("spots move, not as one shift: their centroids are %.3g px from the reference's on "
               "average (%d spots; global shift (%+.2f, %+.2f) px): check the geometry (lambda, "
               "distance, detector orientation, cell, crystal orientation)",
               s.meanCentroidShiftPx, s.centroidSpots, signedPx(in.registration.shiftFastPx),
               signedPx(in.registration.shiftSlowPx))};
}

std::optional<Diagnosis> spots(const DiagnosisInputs& in) {
    const SpotMetrics& s = in.spots;
    const double pixels = double(s.spots.pixels + s.background.pixels);
    if (s.peaks == 0 || !(s.spotSquaredDiffFraction >= kSpotShare) ||
        !(double(s.spots.pixels) <= kSpotPixelsMax * pixels))
        return std::nullopt;
    return Diagnosis{
        DiagnosisKind::Spots,
        format("only spots differ: %.1f%% of sum(diff^2) on the reference's %d spots (%.3g%% of the "
               "pixels; spot pearson %.6g, background pearson %.6g), spot centroids in place (%.3g px "
               "apart on average): check structure factors and the lattice factor",
               100 * s.spotSquaredDiffFraction, s.peaks, 100 * double(s.spots.pixels) / pixels,
               s.spots.pearson, s.background.pearson, s.meanCentroidShiftPx)};
}

std::optional<Diagnosis> local(const DiagnosisInputs& in) {
    double total = 0, failing = 0;
    const TileMetrics* worst = nullptr;
    int failed = 0;
    for (const TileMetrics& t : in.tiles) {
        total += squaredDiffSum(t.metrics);
        if (t.failures.empty()) continue;
        ++failed;
        failing += squaredDiffSum(t.metrics);
        if (!worst || t.metrics.pearson < worst->metrics.pearson) worst = &t;
    }
    if (!worst || !(failed <= kLocalTilesMax * double(in.tiles.size())) || !(failing >= kLocalShare * total))
        return std::nullopt;
    return Diagnosis{
        DiagnosisKind::Local,
        format("the difference is local: %d of %zu tiles fail, holding %.0f%% of sum(diff^2); worst "
               "tile fast %d-%d, slow %d-%d: pearson %.6g, sum ratio %.6g",
               failed, in.tiles.size(), 100 * failing / total, worst->fastBegin, worst->fastEnd - 1,
               worst->slowBegin, worst->slowEnd - 1, worst->metrics.pearson, worst->metrics.sumRatio)};
}

}  // namespace

const char* toString(DiagnosisKind k) {
    switch (k) {
        case DiagnosisKind::Shift:
            return "shift";
        case DiagnosisKind::Scale:
            return "scale";
        case DiagnosisKind::Resolution:
            return "resolution";
        case DiagnosisKind::Spots:
            return "spots";
        case DiagnosisKind::SpotsMoved:
            return "spots-moved";
        case DiagnosisKind::Local:
            return "local";
        case DiagnosisKind::Unexplained:
            return "unexplained";
        case DiagnosisKind::Orientation:
            return "orientation";
        case DiagnosisKind::None:
            break;
    }
    return "none";
}

Diagnosis diagnose(const DiagnosisInputs& in) {
    const bool agree = checkThresholds(in.whole, in.peaks, in.thresholds).empty();
    if (agree && !in.registration.shiftSignificant) return {};
    for (const auto rule : {shift, scale, resolution, spotsMoved, spots, local})
        if (std::optional<Diagnosis> d = rule(in)) return *d;
    if (agree) return {};
    return {DiagnosisKind::Unexplained,
            format("no pattern: not a shift, a scale, a resolution trend, the spots alone or a few tiles "
                   "(pearson %.6g, sum ratio %.6g)",
                   in.whole.pearson, in.whole.sumRatio)};
}

}  // namespace bragg
