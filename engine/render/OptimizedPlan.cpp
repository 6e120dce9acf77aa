#include "render/OptimizedPlan.h"

#include <algorithm>

#include "render/ScanBound.h"

namespace bragg {

void OrientationArrays::assign(const std::vector<Vec3>& a, const std::vector<Vec3>& b,
                               const std::vector<Vec3>& c) {
    const std::size_t n = a.size();
    for (auto* v : {&ax, &ay, &az, &bx, &by, &bz, &cx, &cy, &cz}) v->resize(n);
    for (std::size_t i = 0; i < n; ++i) {
        ax[i] = a[i][0], ay[i] = a[i][1], az[i] = a[i][2];
        bx[i] = b[i][0], by[i] = b[i][1], bz[i] = b[i][2];
        cx[i] = c[i][0], cy[i] = c[i][1], cz[i] = c[i][2];
    }
}

OptimizedPlan::OptimizedPlan(const Experiment& e) : experiment(&e), context(e) {
    const CrystalModel& x = e.crystal;
    later.assign(x.aLater, x.bLater, x.cLater);
    first.assign(x.aFirst, x.bFirst, x.cFirst);
    phiTablesDiffer = x.aFirst != x.aLater || x.bFirst != x.bLater || x.cFirst != x.cLater;
    squareLattice = x.shape == CrystalShape::Square;
    if (squareLattice && x.Na == x.Nb && x.Nb == x.Nc && x.Na <= 10) uniformN = x.Na;
    // The vector path applies cap·polar·ω once per pixel; these cases need the per-term or
    // per-layer factors of the scalar evaluation.
    perPixelScalar = e.detector.flagThick || e.detector.flagPolar || e.detector.flagOmega ||
                     (e.params.fixes.allLayerCapture && e.detector.thickness > 0);
    if (const io::HklTable* t = context.table)
        tricubicSafe = t->hRange() >= 4 && t->kRange() >= 4 && t->lRange() >= 4;
    const std::vector<Source>& sources = e.beam.sources;
    sharedDirections = squareLattice && !perPixelScalar && sources.size() >= 2 &&
                       context.terms <= kMaxSharedTerms && !(context.table && x.interpolate);
    if (sharedDirections) {
        sourceShift.resize(sources.size() * std::size_t(context.terms) * 3);
        double* out = sourceShift.data();
        for (const Source& source : sources) {
            const double inverseLambda = 1.0 / source.lambda;
            for (int i = 0; i < context.terms; ++i) {
                *out++ = x.aLater[std::size_t(i)].dot(source.incident) * inverseLambda;
                *out++ = x.bLater[std::size_t(i)].dot(source.incident) * inverseLambda;
                *out++ = x.cLater[std::size_t(i)].dot(source.incident) * inverseLambda;
            }
        }
    }
}

OptimizedPlan makeOptimizedPlan(const Experiment& e, const KernelChoice& kernel) {
    OptimizedPlan plan(e);
    const PixelSelection& sel = e.selection;
    const CrystalModel& x = e.crystal;
    const ScanBound bound = plan.phiTablesDiffer ? ScanBound(e, {&x.aLater, &x.aFirst},
                                                             {&x.bLater, &x.bFirst}, {&x.cLater, &x.cFirst})
                                                 : ScanBound(e, {&x.aLater}, {&x.bLater}, {&x.cLater});
    auto scanRow = [&](int slow, long long firstPhiPixel) -> long long {
        for (int f0 = sel.xmin; f0 <= sel.xmax; f0 += 64) {
            const int f1 = std::min(f0 + 64, sel.xmax + 1);
            if (bound.surelyInRange(slow, f0, f1)) continue;  // no evaluation can leave the range
            const long long pixel = kernel.scan(plan, slow, f0, f1);
            if (pixel >= 0) return pixel;
        }
        (void)firstPhiPixel;  // already in plan.facts
        return -1;
    };
    plan.facts.firstPhiPixel = firstPhiLoopPixel(e);  // read by the scan kernel
    plan.facts = computeSequentialFacts(e, scanRow);
    return plan;
}

}  // namespace bragg
