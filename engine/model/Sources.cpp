#include "model/Sources.h"

#include <cmath>

#include "core/CheckedCount.h"
#include "io/ColumnFile.h"
#include "model/Rotation.h"

namespace bragg {

DivergenceAxis resolveDivergence(std::optional<double> rangeMrad, std::optional<double> stepMrad,
                                 std::optional<int> count) {
    // Internally "unset" is negative, exactly as in the reference.
    double range = rangeMrad ? *rangeMrad / 1000 : -1;
    double step = stepMrad ? *stepMrad / 1000 : -1;
    int n = count ? *count : -1;
    if (n <= 0) {
        if (range < 0) {
            if (step <= 0) {
                n = 1, range = 0, step = 0;
            } else {
                range = step, n = 2;
            }
        } else if (step <= 0) {
            step = range, n = 2;
        } else {
            n = checkedCount(std::ceil(range / step), 100000, "divergence range / step");
        }
    } else {
        if (range < 0) {
            if (step <= 0) {
                range = 1.0;  // one radian: the reference's default full range
                step = range / n;
            } else {
                range = step, n = 2;
            }
        } else if (step <= 0) {
            if (n <= 1) n = 2;
            step = range / (n - 1);
        }
    }
    if (range <= 0 || step <= 0 || n <= 0) n = 1, range = 0, step = 0;
    return {range, step, n};
}

DispersionSteps resolveDispersion(double dispersionPct, std::optional<int> count) {
    double fraction = dispersionPct / 100;
    double step = 0;
    int n = count ? *count : -1;
    if (n < 0) {
        if (fraction >= 0) {
            step = fraction, n = 2;
        } else {
            n = 1, fraction = 0;
        }
    } else if (fraction >= 0) {
        if (n <= 1) n = 2;
        step = fraction / (n - 1);
    } else {
        fraction = 1.0;
        step = 1.0 / n;
    }
    if (fraction <= 0 || step <= 0) n = 1, fraction = 0, step = 0;
    return {fraction, step, n};
}

namespace {

std::vector<Source> sourcesFromFile(const Params& p, const ConventionVectors& v, double lambda0) {
    std::vector<Source> sources;
    for (const io::SourceRecord& r : io::readSourceFile(p.sourceFile)) {
        const Vec3 position(r.x ? *r.x : -10 * v.beam[0], r.y ? *r.y : -10 * v.beam[1],
                            r.z ? *r.z : -10 * v.beam[2]);
        sources.push_back(
            {-unitVector(position), r.lambda ? *r.lambda : lambda0, r.weight ? *r.weight : 1.0});
    }
    return sources;
}

}  // namespace

std::vector<Source> makeSources(const Params& p, const ConventionVectors& v, double lambda0) {
    if (!p.sourceFile.empty()) return sourcesFromFile(p, v, lambda0);
    const DivergenceAxis h = resolveDivergence(p.hdivRangeMrad, p.hdivStepMrad, p.hdivSteps);
    const DivergenceAxis vv = resolveDivergence(p.vdivRangeMrad, p.vdivStepMrad, p.vdivSteps);
    const DispersionSteps disp = resolveDispersion(p.dispersionPct, p.dispSteps);
    const Vec3 vertical = unitVector(v.beam.cross(v.polar));
    std::vector<Source> sources;
    for (int ih = 0; ih < h.count; ++ih) {
        for (int iv = 0; iv < vv.count; ++iv) {
            const double thetaH = ih * h.step - h.range / 2;
            const double thetaV = iv * vv.step - vv.range / 2;
            if (p.roundDivergence) {
                // Elliptical trim; a zero range gives 0/0 = NaN, which never trims (reference).
                const double eh = h.count % 2 == 0 ? 1 : 0, ev = vv.count % 2 == 0 ? 1 : 0;
                const double q = (thetaH * thetaH - h.step * h.step / 4 * eh) / (h.range * h.range) +
                                 (thetaV * thetaV - vv.step * vv.step / 4 * ev) / (vv.range * vv.range);
                if (4 * q > 1.1) continue;
            }
            Vec3 position = -10.0 * v.beam;
            position = rotateAxis(position, v.polar, thetaV);
            position = rotateAxis(position, vertical, thetaH);
            const Vec3 incident = -unitVector(position);
            for (int j = 0; j < disp.count; ++j) {
                const double lambda = lambda0 * (1 + j * disp.step - disp.fraction / 2);
                sources.push_back({incident, lambda, 1.0});
            }
        }
    }
    return sources;
}

}  // namespace bragg
