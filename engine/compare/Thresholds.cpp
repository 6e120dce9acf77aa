#include "compare/Thresholds.h"

#include <cmath>
#include <cstdio>

namespace bragg {
namespace {

std::string number(double v) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.9g", v);
    return buffer;
}

}  // namespace

std::vector<std::string> checkThresholds(const BasicMetrics& m, const PeakMatch& p, const Thresholds& t) {
    std::vector<std::string> failures;
    // Written as negations so that NaN metrics fail.
    if (!(m.pearson >= t.pearsonMin))
        failures.push_back("pearson " + number(m.pearson) + " < " + number(t.pearsonMin));
    if (!(std::fabs(m.sumRatio - 1) <= t.sumRatioTol))
        failures.push_back("sum ratio " + number(m.sumRatio) + " differs from 1 by more than " +
                           number(t.sumRatioTol));
    if (t.maxAbsDiffRel > 0) {
        const double limit = t.maxAbsDiffRel * m.maxAbsA;
        if (!(m.maxAbsDiff <= limit))
            failures.push_back("max|diff| " + number(m.maxAbsDiff) + " at (" +
                               std::to_string(m.maxAbsDiffFast) + "," + std::to_string(m.maxAbsDiffSlow) +
                               ") > " + number(t.maxAbsDiffRel) + " * max|reference| = " + number(limit));
    }
    if (t.peakDistanceMax >= 0 && p.peaksReference > 0 && !(p.meanDistance <= t.peakDistanceMax))
        failures.push_back("mean peak distance " + number(p.meanDistance) + " px > " +
                           number(t.peakDistanceMax) + " px (" + std::to_string(p.peaksReference) +
                           " reference peaks, " + std::to_string(p.peaksCandidate) + " candidate peaks)");
    return failures;
}

}  // namespace bragg
