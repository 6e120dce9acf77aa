#include "compare/Peaks.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "compare/Percentile.h"

namespace bragg {
namespace {

// Strictly greater than the neighbours already scanned, at least the ones still to come: one
// pixel per plateau, and the result does not depend on iteration details.
bool isLocalMaximum(const Image& image, int f, int s) {
    const float v = image.at(f, s);
    for (int ds = -1; ds <= 1; ++ds) {
        for (int df = -1; df <= 1; ++df) {
            if (df == 0 && ds == 0) continue;
            const int nf = f + df, ns = s + ds;
            if (nf < 0 || ns < 0 || nf >= image.fpixels || ns >= image.spixels) continue;
            const float n = image.at(nf, ns);
            const bool before = ds < 0 || (ds == 0 && df < 0);
            if (before ? !(v > n) : !(v >= n)) return false;
        }
    }
    return true;
}

}  // namespace

std::vector<Peak> findPeaks(const Image& image, const PeakOptions& options) {
    std::vector<Peak> peaks;
    if (image.size() == 0 || options.maxPeaks <= 0) return peaks;
    const double floor = pooledPercentile({&image}, options.percentile);
    for (int s = 0; s < image.spixels; ++s)
        for (int f = 0; f < image.fpixels; ++f) {
            const float v = image.at(f, s);
            if (std::isfinite(v) && double(v) > floor && isLocalMaximum(image, f, s))
                peaks.push_back({f, s, v});
        }
    std::stable_sort(peaks.begin(), peaks.end(),
                     [](const Peak& a, const Peak& b) { return a.value > b.value; });
    if (int(peaks.size()) > options.maxPeaks) peaks.resize(std::size_t(options.maxPeaks));
    return peaks;
}

PeakMatch matchPeaks(const std::vector<Peak>& reference, const std::vector<Peak>& candidate) {
    PeakMatch m;
    m.peaksReference = int(reference.size());
    m.peaksCandidate = int(candidate.size());
    if (reference.empty()) {
        m.fractionWithin1px = 1;
        return m;
    }
    if (candidate.empty()) {
        m.meanDistance = m.maxDistance = std::numeric_limits<double>::infinity();
        return m;
    }
    double sum = 0;
    int within = 0;
    for (const Peak& r : reference) {
        double best = std::numeric_limits<double>::infinity();
        for (const Peak& c : candidate)
            best = std::min(best, std::hypot(double(c.fast - r.fast), double(c.slow - r.slow)));
        sum += best;
        m.maxDistance = std::max(m.maxDistance, best);
        if (best <= 1.0) ++within;
    }
    m.meanDistance = sum / double(reference.size());
    m.fractionWithin1px = double(within) / double(reference.size());
    return m;
}

}  // namespace bragg
