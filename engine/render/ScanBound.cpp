#include "render/ScanBound.h"

#include <algorithm>
#include <cmath>

namespace bragg {
namespace {

// Above this many (orientation axis, source) pairs the bound's tables would cost more memory
// than the scan they shortcut; the exact scan runs alone.
constexpr std::size_t kMaxPairs = std::size_t(1) << 20;

// Centre and half-width of the values x0 + step·m, m = mLo … mHi.
void span(double x0, double step, int mLo, int mHi, double& centre, double& half) {
    const double a = x0 + step * mLo, b = x0 + step * mHi;
    centre = 0.5 * (a + b);
    half = 0.5 * std::abs(b - a);
}

}  // namespace

ScanBound::ScanBound(const Experiment& e, const std::vector<const std::vector<Vec3>*>& aTables,
                     const std::vector<const std::vector<Vec3>*>& bTables,
                     const std::vector<const std::vector<Vec3>*>& cTables)
    : e_(&e) {
    const io::HklTable* table = e.crystal.hkl.get();
    const bool scanRuns = e.crystal.interpolate && table && !e.params.fixes.stickyInterpolation;
    if (!scanRuns || e.detector.curved) return;  // the curved detector's P is not affine in the pixel
    std::size_t terms = 0;
    for (const auto* t : aTables) terms += t->size();
    if (terms * 3 * e.beam.sources.size() > kMaxPairs) return;

    lo_[0] = table->hmin + 2, hi_[0] = table->hmax - 2;
    lo_[1] = table->kmin + 2, hi_[1] = table->kmax - 2;
    lo_[2] = table->lmin + 2, hi_[2] = table->lmax - 2;
    const DetectorModel& d = e.detector;
    for (std::size_t t = 0; t < aTables.size(); ++t) {
        for (std::size_t i = 0; i < aTables[t]->size(); ++i) {
            const Vec3* v[3] = {&(*aTables[t])[i], &(*bTables[t])[i], &(*cTables[t])[i]};
            for (int axis = 0; axis < 3; ++axis)
                axes_.push_back({v[axis]->dot(d.pix0), v[axis]->dot(d.fdet), v[axis]->dot(d.sdet),
                                 v[axis]->dot(d.odet), axis});
        }
    }
    for (const Source& s : e.beam.sources) {
        inverseLambda_.push_back(1.0 / s.lambda);
        for (std::size_t t = 0; t < aTables.size(); ++t)
            for (std::size_t i = 0; i < aTables[t]->size(); ++i)
                for (const auto* tables : {&aTables, &bTables, &cTables})
                    incidentOverLambda_.push_back((*(*tables)[t])[i].dot(s.incident) / s.lambda);
    }
    usable_ = true;
}

bool ScanBound::surelyInRange(int slow, int f0, int f1) const {
    if (!usable_) return false;
    const DetectorModel& d = e_->detector;
    const int n = d.oversample;
    const double delta = d.pixelSize / n;
    // The box of sample-to-sub-pixel vectors P = pix0 + F·fdet + S·sdet + O·odet (docs/physics.md §5.4).
    double Fc, hf, Sc, hs, Oc, ho;
    span(delta / 2, delta, f0 * n, (f1 - 1) * n + n - 1, Fc, hf);
    span(delta / 2, delta, slow * n, slow * n + n - 1, Sc, hs);
    span(0.0, d.thickStep, 0, d.thickLayers - 1, Oc, ho);
    const Vec3 Pc = d.pix0 + Fc * d.fdet + Sc * d.sdet + Oc * d.odet;
    const double r = hf * d.fdet.norm() + hs * d.sdet.norm() + ho * d.odet.norm();  // ≥ |P − Pc|
    const double Rc = Pc.norm(), Rlo = Rc - r, Rhi = Rc + r;
    if (!(Rlo > 0)) return false;

    const std::size_t count = axes_.size();
    for (std::size_t j = 0; j < count; ++j) {
        const Axis& v = axes_[j];
        const double centre = v.onPix0 + Fc * v.onFdet + Sc * v.onSdet + Oc * v.onOdet;
        const double half = std::abs(hf * v.onFdet) + std::abs(hs * v.onSdet) + std::abs(ho * v.onOdet);
        const double nLo = centre - half, nHi = centre + half;                                    // v·P
        const double dLo = std::min(nLo / Rlo, nLo / Rhi), dHi = std::max(nHi / Rlo, nHi / Rhi);  // v·P/|P|
        for (std::size_t s = 0; s < inverseLambda_.size(); ++s) {
            const double shift = incidentOverLambda_[s * count + j];
            const double indexLo = dLo * inverseLambda_[s] - shift, indexHi = dHi * inverseLambda_[s] - shift;
            // Margin for the rounding of both this bound and the kernel's own arithmetic.
            const double margin = 1e-9 * (1.0 + std::max(std::abs(indexLo), std::abs(indexHi)));
            if (indexLo - margin < lo_[v.axis] || indexHi + margin > hi_[v.axis]) return false;
        }
    }
    return true;
}

}  // namespace bragg
