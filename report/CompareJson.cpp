#include "report/SetupJson.h"
#include "report/CompareJson.h"

#include <cmath>

#include "core/Error.h"

namespace bragg::report {
namespace {

using json = nlohmann::ordered_json;

// JSON has no infinity or NaN: they become null (and readers treat null as "not a number").
json number(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }

json features(const std::vector<Feature>& list) {
    json ids = json::array();
    for (Feature f : list) ids.push_back(ablationInfo(f).id);
    return ids;
}

json positions(const std::vector<PixelPosition>& list) {
    json out = json::array();
    for (const PixelPosition& p : list) out.push_back({{"fast", p.fast}, {"slow", p.slow}});
    return out;
}

// A region's metrics (tile, shell, spots): the verdict's numbers without the relative ones.
json regionMetricsJson(const BasicMetrics& m) {
    return {{"pixels", m.pixels},
            {"finite_pixels", m.finitePixels},
            {"pearson", number(m.pearson)},
            {"sum_reference", number(m.sumA)},
            {"sum_candidate", number(m.sumB)},
            {"sum_ratio", number(m.sumRatio)},
            {"max_abs_diff", number(m.maxAbsDiff)},
            {"max_abs_diff_at", {{"fast", m.maxAbsDiffFast}, {"slow", m.maxAbsDiffSlow}}},
            {"rmse", number(m.rmse)}};
}

json toJson(const NonFiniteCounts& c) { return {{"nan", c.nan}, {"+inf", c.plusInf}, {"-inf", c.minusInf}}; }

}  // namespace

json toJson(const NonFiniteSummary& s) {
    json mismatches = json::array();
    for (const NonFiniteMismatch& g : s.mismatches)
        mismatches.push_back({{"reference", toString(g.reference)},
                              {"candidate", toString(g.candidate)},
                              {"count", g.count},
                              {"first", positions(g.first)}});
    return {{"reference", toJson(s.reference)},
            {"candidate", toJson(s.candidate)},
            {"shared", s.shared},
            {"shared_first", positions(s.sharedFirst)},
            {"mismatches", mismatches},
            {"positions_kept", NonFiniteSummary::kPositionsKept}};
}

json toJson(const Thresholds& t) {
    return {{"pearson_min", t.pearsonMin},
            {"sum_ratio_tol", t.sumRatioTol},
            {"max_abs_diff_rel", t.maxAbsDiffRel},
            {"peak_distance_max", t.peakDistanceMax},
            {"atol", t.atol},
            {"rtol", t.rtol}};
}

json toJson(const Roi& r) { return {{"xmin", r.xmin}, {"xmax", r.xmax}, {"ymin", r.ymin}, {"ymax", r.ymax}}; }

json toJson(const PeakOptions& p) { return {{"top_n", p.maxPeaks}, {"percentile", p.percentile}}; }

json toJson(const PeakMatch& p) {
    return {{"reference", p.peaksReference},
            {"candidate", p.peaksCandidate},
            {"mean_distance_px", number(p.meanDistance)},
            {"max_distance_px", number(p.maxDistance)},
            {"fraction_within_1px", number(p.fractionWithin1px)}};
}

json metricsJson(const Comparison& c) {
    const BasicMetrics& m = c.metrics;
    json j = regionMetricsJson(m);  // then the relative ones, rmse last as before
    j.erase("rmse");
    j["max_abs_diff_rel"] = number(c.maxAbsDiffRelative());
    j["max_reference"] = number(m.maxA);
    j["max_abs_reference"] = number(m.maxAbsA);
    j["mse"] = number(m.mse);
    j["rmse"] = number(m.rmse);
    return j;
}

json toJson(const RegionReport& r) {
    const Registration& g = r.registration;
    json tiles = json::array();
    int failing = 0;
    for (const TileMetrics& t : r.tiles) {
        failing += !t.failures.empty();
        json tile = {{"column", t.column},
                     {"row", t.row},
                     {"fast", {t.fastBegin, t.fastEnd - 1}},
                     {"slow", {t.slowBegin, t.slowEnd - 1}},
                     {"pass", t.failures.empty()},
                     {"failures", t.failures}};
        tile.update(regionMetricsJson(t.metrics));
        tiles.push_back(tile);
    }
    json shells = json::array();
    for (const ShellMetrics& s : r.shells) {
        json shell = {{"d_max_a", number(s.dMaxA)}, {"d_min_a", number(s.dMinA)}};
        shell.update(regionMetricsJson(s.metrics));
        shells.push_back(shell);
    }
    return {{"diagnosis",
             {{"kind", toString(r.diagnosis.kind)},
              {"line", r.diagnosis.line.empty() ? json(nullptr) : json(r.diagnosis.line)}}},
            {"registration",
             {{"shift_fast_px", number(g.shiftFastPx)},
              {"shift_slow_px", number(g.shiftSlowPx)},
              {"shift_significant", g.shiftSignificant},
              {"significant_above_px", Registration::kSignificantShiftPx},
              {"pearson_unshifted", number(g.pearsonUnshifted)},
              {"pearson_shifted", number(g.pearsonShifted)},
              {"overlap_pixels", g.overlapPixels}}},
            {"scale",
             {{"scale", number(r.scale.scale)},
              {"residual_rms_rel", number(r.scale.residualRmsRel)},
              {"residual_rms_rel_after_scale", number(r.scale.residualRmsRelAfterScale)}}},
            {"spots",
             {{"peaks", r.spots.peaks},
              {"peak_percentile", r.options.spots.peaks.percentile},
              {"radius_px", r.options.spots.radiusPx},
              {"squared_diff_fraction", number(r.spots.spotSquaredDiffFraction)},
              {"spots", regionMetricsJson(r.spots.spots)},
              {"background", regionMetricsJson(r.spots.background)}}},
            {"tiles",
             {{"columns", r.options.tiles.columns},
              {"rows", r.options.tiles.rows},
              {"failing", failing},
              {"list", tiles}}},
            {"shells",
             {{"mode", toString(r.options.shells.mode)},
              {"count", r.options.shells.count},
              {"skipped", r.shellsSkipped.empty() ? json(nullptr) : json(r.shellsSkipped)},
              {"list", shells}}}};
}

json toJson(const Comparison& c) {
    json peaks = toJson(c.peaks);
    peaks["options"] = toJson(c.peakOptions);
    json j = {{"verdict", toString(c.verdict)},
              {"failures", c.failures},
              {"size", {{"fast", c.fpixels}, {"slow", c.spixels}}},
              {"roi", c.roi ? toJson(*c.roi) : json(nullptr)},
              {"thresholds", toJson(c.thresholds)},
              {"metrics", metricsJson(c)},
              {"nonfinite", toJson(c.nonFinite)},
              {"peaks", peaks}};
    if (c.regions) j["regions"] = toJson(*c.regions);
    if (c.setup) j["setup"] = toJson(*c.setup);
    if (c.orientation) j["orientation"] = toJson(*c.orientation);
    if (c.pixelGate) j["pixel_gate"] = toJson(*c.pixelGate);
    if (c.referenceNoise || c.candidateNoise)
        j["noise_floor"] = {
            {"reference", c.referenceNoise ? toJson(*c.referenceNoise) : json(nullptr)},
            {"candidate", c.candidateNoise ? toJson(*c.candidateNoise) : json(nullptr)},
            {"within", c.withinNoise.empty() ? json(nullptr) : json(c.withinNoise)},
            {"rule", "within: pearson >= the run-to-run pearson and max|diff| <= the run-to-run max|diff|"}};
    return j;
}

json toJson(const OrientationCheck& o) {
    json trials = json::array();
    for (const OrientationTrial& t : o.trials)
        trials.push_back({{"orientation", toString(t.orientation)},
                          {"reshaped", t.reshaped},
                          {"pearson", number(t.pearson)}});
    json found = nullptr;
    if (o.found)
        found = {{"orientation", toString(o.found->orientation)},
                 {"description", describe(o.found->orientation)},
                 {"reshaped", o.found->reshaped},
                 {"pearson_after", number(o.found->pearson)}};
    return {{"sizes_swapped", o.sizesSwapped},
            {"pearson_as_is", o.pearsonAsIs ? number(*o.pearsonAsIs) : json(nullptr)},
            {"found", found},
            {"line", o.line.empty() ? json(nullptr) : json(o.line)},
            {"rule", "named when 1 - pearson_after <= (1 - pearson_as_is) / 2 (as is: 0 for swapped sizes)"},
            {"trials", trials}};
}

json toJson(const PixelGate& g) {
    const auto histogram = [](const std::vector<HistogramBin>& bins, const char* definition) {
        json list = json::array();
        for (const HistogramBin& b : bins)
            list.push_back({{"from", number(b.from)}, {"to", number(b.to)}, {"count", b.count}});
        return json{{"definition", definition}, {"bins", list}};
    };
    return {
        {"atol", g.atol},
        {"rtol", g.rtol},
        {"rule", "a pixel fails when |candidate - reference| > atol + rtol * |reference| (numpy.isclose)"},
        {"pixels", g.pixels},
        {"failing", g.failing},
        {"failing_share", number(g.failingShare())},
        {"first_failing", positions(g.firstFailing)},
        {"relative_error_histogram",
         histogram(g.relativeError,
                   "|c - r| / |r| over pixels finite in both (r = 0, c != 0: inf); bins [from, to): "
                   "0 exactly, (0, 1e-15), one per decade up to [0.1, 1), then [1, inf]")},
        {"ulp_histogram",
         histogram(g.ulpDistance,
                   "float32 ULP distance over pixels finite in both; bins inclusive [from, to]: 0, "
                   "then [2^(k-1), 2^k - 1] for k = 1..32")}};
}

json toJson(const NoiseFloor& n) {
    return {{"deterministic", n.deterministic},
            {"pearson", number(n.pearson)},
            {"max_abs_diff", number(n.maxAbsDiff)},
            {"differing_pixels", n.differingPixels},
            {"pixels", n.pixels}};
}

json toJson(const BisectResult& r) {
    json trials = json::array();
    for (const BisectTrial& t : r.trials) {
        json trial = {{"ablated", features(t.ablated)}, {"description", describe(t.ablated)}};
        if (!t.alsoDisabled.empty()) trial["also_disables"] = features(t.alsoDisabled);
        if (t.comparison) {
            trial["verdict"] = toString(t.comparison->verdict);
            trial["metrics"] = metricsJson(*t.comparison);
            trial["failures"] = t.comparison->failures;
        } else {
            trial["verdict"] = "ERROR";
            trial["error"] = t.error;
        }
        trials.push_back(trial);
    }
    json j = {{"outcome", toString(r.outcome)},
              {"conclusion", r.conclusion},
              {"culprits", features(r.culprits)},
              {"also_restoring", features(r.alsoRestoring)},
              {"active_features", features(r.active)},
              {"baseline", {{"verdict", toString(r.baseline.verdict)}, {"metrics", metricsJson(r.baseline)}}},
              {"trials", trials}};
    if (r.closest) j["closest_trial"] = *r.closest;
    if (r.quirks) j["quirk_attribution"] = toJson(*r.quirks);
    return j;
}

json toJson(const QuirkAttribution& q) {
    json trials = json::array();
    for (const QuirkTrial& t : q.trials) {
        json trial = {{"fixes", t.fixes}};
        if (t.comparison) {
            trial["verdict"] = toString(t.comparison->verdict);
            trial["metrics"] = metricsJson(*t.comparison);
        } else {
            trial["verdict"] = "ERROR";
            trial["error"] = t.error;
        }
        trials.push_back(trial);
    }
    return {
        {"attributed", q.attributed}, {"conclusion", q.conclusion}, {"tried", q.tried}, {"trials", trials}};
}

json toJson(const PrecisionCheck& p) {
    return {{"candidate_vs_reference", regionMetricsJson(p.candidateVsReference)},
            {"candidate_vs_reference_f32", regionMetricsJson(p.candidateVsReferenceF32)},
            {"reference_f32_vs_reference", regionMetricsJson(p.referenceF32VsReference)},
            {"rule",
             "reference-f32 agrees with candidate when the candidate's Pearson with reference-f32 is higher "
             "than with the reference and its max|diff| to it no larger"},
            {"reference_f32_agrees_with_candidate", p.f32AgreesWithCandidate},
            {"conclusion", p.conclusion}};
}

Thresholds thresholdsFromJson(const json& j, Thresholds t) {
    if (!j.is_object()) throw usageError("thresholds: expected an object");
    for (const auto& [key, value] : j.items()) {
        if (!value.is_number()) throw usageError("thresholds: '" + key + "' must be a number");
        const double v = value.get<double>();
        if (key == "pearson_min")
            t.pearsonMin = v;
        else if (key == "sum_ratio_tol")
            t.sumRatioTol = v;
        else if (key == "max_abs_diff_rel")
            t.maxAbsDiffRel = v;
        else if (key == "peak_distance_max")
            t.peakDistanceMax = v;
        else if (key == "atol")
            t.atol = v;
        else if (key == "rtol")
            t.rtol = v;
        else
            throw usageError(
                "thresholds: unknown key '" + key +
                "' (pearson_min, sum_ratio_tol, max_abs_diff_rel, peak_distance_max, atol, rtol)");
    }
    return t;
}

}  // namespace bragg::report
