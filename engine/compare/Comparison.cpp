#include "compare/Comparison.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <exception>
#include <string>

#include "core/Error.h"

namespace bragg {

Roi resolveRoi(const Roi& roi, int fpixels, int spixels) {
    Roi r = roi;
    if (r.xmax < 0) r.xmax = fpixels - 1;
    if (r.ymax < 0) r.ymax = spixels - 1;
    if (r.xmin < 0 || r.ymin < 0 || r.xmin > r.xmax || r.ymin > r.ymax || r.xmax >= fpixels ||
        r.ymax >= spixels)
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

namespace {

// A candidate of the reference's size transposed: compared after the transpose that explains it.
Comparison compareSwapped(const Image& reference, const Image& candidate, const Thresholds& thresholds,
                          const std::optional<Roi>& roi, const PeakOptions& peaks) {
    OrientationCheck orientation = checkOrientation(reference, candidate);
    Comparison c;
    if (orientation.found) {
        c = compareImages(reference, correctedCandidate(candidate, *orientation.found), thresholds, roi,
                          peaks);
        c.failures.insert(c.failures.begin(), "orientation: " + orientation.line);
    } else {
        c.thresholds = thresholds;
        c.peakOptions = peaks;
        c.fpixels = reference.fpixels;
        c.spixels = reference.spixels;
        c.failures.push_back("size mismatch: " + orientation.line);
    }
    c.orientation = std::move(orientation);
    c.verdict = Verdict::Blocked;
    return c;
}

}  // namespace

Comparison compareImages(const Image& reference, const Image& candidate, const Thresholds& thresholds,
                         const std::optional<Roi>& roi, const PeakOptions& peaks) {
    if (swappedSize(candidate, reference.fpixels, reference.spixels))
        return compareSwapped(reference, candidate, thresholds, roi, peaks);
    if (reference.fpixels != candidate.fpixels || reference.spixels != candidate.spixels)
        throw usageError("image sizes differ: " + std::to_string(reference.fpixels) + "x" +
                         std::to_string(reference.spixels) + " vs " + std::to_string(candidate.fpixels) +
                         "x" + std::to_string(candidate.spixels));
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
    if (thresholds.pixelGate()) {
        const Roi r = c.roi.value_or(Roi{0, c.fpixels - 1, 0, c.spixels - 1});
        c.pixelGate = pixelGate(reference, candidate, std::max(thresholds.atol, 0.0),
                                std::max(thresholds.rtol, 0.0), r.xmin, r.xmax, r.ymin, r.ymax);
        if (c.pixelGate->failing > 0) c.failures.push_back("per-pixel gate: " + describe(*c.pixelGate));
    }
    // Only a failing correlation can be an orientation (a passing one is already agreement).
    if (!(c.metrics.pearson >= thresholds.pearsonMin)) {
        c.orientation = checkOrientation(reference, candidate);
        if (c.orientation->found) c.failures.push_back("orientation: " + c.orientation->line);
    }
    c.verdict = c.failures.empty() ? Verdict::Pass : Verdict::Blocked;
    return c;
}

void addRegions(Comparison& c, const Image& reference, const Image& candidate, const RegionOptions& options,
                const std::vector<double>* dSpacingA) {
    if (dSpacingA && dSpacingA->size() != reference.size())
        throw usageError("regions: the d-spacing map has " + std::to_string(dSpacingA->size()) +
                         " values for an image of " + std::to_string(reference.size()) + " pixels");
    std::optional<Image> croppedReference, croppedCandidate;
    std::optional<std::vector<double>> croppedD;
    if (c.roi) {
        croppedReference = cropImage(reference, *c.roi);
        croppedCandidate = cropImage(candidate, *c.roi);
        if (dSpacingA) {
            croppedD.emplace();
            for (int s = c.roi->ymin; s <= c.roi->ymax; ++s)
                for (int f = c.roi->xmin; f <= c.roi->xmax; ++f)
                    croppedD->push_back(
                        (*dSpacingA)[std::size_t(s) * std::size_t(reference.fpixels) + std::size_t(f)]);
        }
    }
    const Image& a = croppedReference ? *croppedReference : reference;
    const Image& b = croppedCandidate ? *croppedCandidate : candidate;
    const std::vector<double>* d = croppedD ? &*croppedD : dSpacingA;
    const int fast0 = c.roi ? c.roi->xmin : 0, slow0 = c.roi ? c.roi->ymin : 0;
    const auto toImagePosition = [&](BasicMetrics& m) {
        m.maxAbsDiffFast += fast0;
        m.maxAbsDiffSlow += slow0;
    };

    RegionReport r;
    r.options = options;
    // The parts are independent; two sections halve the ~0.25 s they take at 1024² (the app
    // computes them after every render). Exceptions cannot leave an OpenMP region: carried out.
    std::exception_ptr failure[2];
#pragma omp parallel sections num_threads(2)
    {
#pragma omp section
        try {
            if (d) r.shells = shellMetrics(a, b, *d, options.shells);
            r.spots = spotMetrics(a, b, options.spots);
        } catch (...) {
            failure[0] = std::current_exception();
        }
#pragma omp section
        try {
            r.tiles = tileMetrics(a, b, options.tiles, c.thresholds);
            r.registration = registerImages(a, b);
            r.scale = fitScale(a, b);
        } catch (...) {
            failure[1] = std::current_exception();
        }
    }
    for (const std::exception_ptr& f : failure)
        if (f) std::rethrow_exception(f);
    if (!d) r.shellsSkipped = "no detector geometry";
    for (TileMetrics& t : r.tiles) {
        t.fastBegin += fast0;
        t.fastEnd += fast0;
        t.slowBegin += slow0;
        t.slowEnd += slow0;
        toImagePosition(t.metrics);
    }
    for (ShellMetrics& s : r.shells) toImagePosition(s.metrics);
    toImagePosition(r.spots.spots);
    toImagePosition(r.spots.background);
    r.diagnosis =
        diagnose({c.metrics, c.peaks, c.thresholds, r.tiles, r.shells, r.spots, r.registration, r.scale});
    if (c.orientation && c.orientation->found)  // before any shift: a flip is no sub-pixel matter
        r.diagnosis = {DiagnosisKind::Orientation, c.orientation->line};
    c.regions = std::move(r);
}

void applyNoiseFloors(Comparison& c) {
    c.withinNoise.clear();
    for (const auto& [noise, side] :
         {std::pair{&c.candidateNoise, "candidate"}, {&c.referenceNoise, "reference"}})
        if (*noise && withinNoiseFloor(c.metrics, **noise) && c.withinNoise.empty()) {
            char buffer[320];
            std::snprintf(buffer, sizeof buffer,
                          "the difference (pearson %.9g, max|diff| %.6g) is within the %s's run-to-run noise "
                          "(pearson %.9g, max|diff| %.6g): not a defect",
                          c.metrics.pearson, c.metrics.maxAbsDiff, side, (*noise)->pearson,
                          (*noise)->maxAbsDiff);
            c.withinNoise = buffer;
        }
}

std::vector<std::string> whyLines(const Comparison& c) {
    std::vector<std::string> lines;
    if (c.orientation && !c.orientation->line.empty()) lines.push_back("orientation: " + c.orientation->line);
    if (c.pixelGate) lines.push_back("per-pixel gate: " + describe(*c.pixelGate));
    if (c.referenceNoise) lines.push_back("noise floor: " + describe(*c.referenceNoise, "reference"));
    if (c.candidateNoise) lines.push_back("noise floor: " + describe(*c.candidateNoise, "candidate"));
    if (!c.withinNoise.empty()) lines.push_back("within noise: " + c.withinNoise);
    return lines;
}

const char* toString(Verdict v) { return v == Verdict::Pass ? "PASS" : "BLOCKED"; }

}  // namespace bragg
