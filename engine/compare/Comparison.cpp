#include "compare/Comparison.h"

#include <cmath>
#include <cstdio>
#include <string>

#include "core/Error.h"

namespace bragg {
namespace {

std::string number(double v) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.9g", v);
    return buffer;
}

}  // namespace

Roi resolveRoi(const Roi& roi, int fpixels, int spixels) {
    Roi r = roi;
    if (r.xmax < 0) r.xmax = fpixels - 1;
    if (r.ymax < 0) r.ymax = spixels - 1;
    if (r.xmin < 0 || r.ymin < 0 || r.xmin > r.xmax || r.ymin > r.ymax || r.xmax >= fpixels || r.ymax >= spixels)
        throw usageError("--roi " + std::to_string(roi.xmin) + " " + std::to_string(roi.xmax) + " " +
                         std::to_string(roi.ymin) + " " + std::to_string(roi.ymax) + ": outside the " +
                         std::to_string(fpixels) + "x" + std::to_string(spixels) + " image or empty");
    return r;
}

Image cropImage(const Image& image, const Roi& roi) {
    Image out(roi.xmax - roi.xmin + 1, roi.ymax - roi.ymin + 1);
    for (int s = 0; s < out.spixels; ++s)
        for (int f = 0; f < out.fpixels; ++f) out.at(f, s) = image.at(roi.xmin + f, roi.ymin + s);
    return out;
}

double Comparison::maxAbsDiffRelative() const {
    const double scale = metrics.maxAbsA;
    if (scale > 0) return metrics.maxAbsDiff / scale;
    return metrics.maxAbsDiff == 0 ? 0.0 : INFINITY;
}

std::vector<std::string> checkThresholds(const BasicMetrics& m, const PeakMatch& p, const Thresholds& t) {
    std::vector<std::string> failures;
    // Written as negations so that NaN metrics fail.
    if (!(m.pearson >= t.pearsonMin))
        failures.push_back("pearson " + number(m.pearson) + " < " + number(t.pearsonMin));
    if (!(std::fabs(m.sumRatio - 1) <= t.sumRatioTol))
        failures.push_back("sum ratio " + number(m.sumRatio) + " differs from 1 by more than " + number(t.sumRatioTol));
    if (t.maxAbsDiffRel > 0) {
        const double limit = t.maxAbsDiffRel * m.maxAbsA;
        if (!(m.maxAbsDiff <= limit))
            failures.push_back("max|diff| " + number(m.maxAbsDiff) + " at (" +
                               std::to_string(m.maxAbsDiffFast) + "," + std::to_string(m.maxAbsDiffSlow) +
                               ") > " + number(t.maxAbsDiffRel) + " * max|reference| = " + number(limit));
    }
    if (t.peakDistanceMax >= 0 && p.peaksReference > 0 && !(p.meanDistance <= t.peakDistanceMax))
        failures.push_back("mean peak distance " + number(p.meanDistance) + " px > " + number(t.peakDistanceMax) +
                           " px (" + std::to_string(p.peaksReference) + " reference peaks, " +
                           std::to_string(p.peaksCandidate) + " candidate peaks)");
    return failures;
}

Comparison compareImages(const Image& reference, const Image& candidate, const Thresholds& thresholds,
                         const std::optional<Roi>& roi, const PeakOptions& peaks) {
    if (reference.fpixels != candidate.fpixels || reference.spixels != candidate.spixels)
        throw usageError("image sizes differ: " + std::to_string(reference.fpixels) + "x" +
                         std::to_string(reference.spixels) + " vs " + std::to_string(candidate.fpixels) + "x" +
                         std::to_string(candidate.spixels));
    Comparison c;
    c.thresholds = thresholds;
    c.peakOptions = peaks;
    c.fpixels = reference.fpixels;
    c.spixels = reference.spixels;
    if (roi) {
        const Roi r = resolveRoi(*roi, reference.fpixels, reference.spixels);
        c.roi = r;
        const Image a = cropImage(reference, r), b = cropImage(candidate, r);
        c.metrics = basicMetrics(a, b);
        c.nonFinite = summarizeNonFinite(a, b);
        offsetPositions(c.nonFinite, r.xmin, r.ymin);
        c.metrics.maxAbsDiffFast += r.xmin;
        c.metrics.maxAbsDiffSlow += r.ymin;
        std::vector<Peak> pa = findPeaks(a, peaks), pb = findPeaks(b, peaks);
        c.peaks = matchPeaks(pa, pb);  // distances do not depend on the offset
    } else {
        c.metrics = basicMetrics(reference, candidate);
        c.nonFinite = summarizeNonFinite(reference, candidate);
        c.peaks = matchPeaks(findPeaks(reference, peaks), findPeaks(candidate, peaks));
    }
    c.failures = describeMismatches(c.nonFinite);
    for (std::string& f : checkThresholds(c.metrics, c.peaks, thresholds)) c.failures.push_back(std::move(f));
    c.verdict = c.failures.empty() ? Verdict::Pass : Verdict::Blocked;
    return c;
}

const char* toString(Verdict v) { return v == Verdict::Pass ? "PASS" : "BLOCKED"; }

}  // namespace bragg
