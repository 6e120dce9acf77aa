#pragma once
// The per-evaluation formulas of docs/physics.md §5.5, §5.6, §8–11, in one place. Both engines
// call these; the optimized kernel's vector variants sit next to them ("Vector variant"), written
// for its lane loops, and tests/engine/physics_variants_test holds each to its scalar form.
#include <cmath>
#include <type_traits>

#include "core/Vec3.h"
#include "io/HklFile.h"
#include "params/Params.h"

namespace bragg::physics {

// Each formula is a template on the real type (double by default: the nanoBragg arithmetic;
// float for the reference engine's float32 evaluation). Arguments are not deduced, so a call
// without <float> is the double version whatever its argument types.
template <class T>
using RealArg = std::type_identity_t<T>;

// Nearest integer with ties going down (0.5 → 0, −0.5 → −1), docs/physics.md §8.
template <class Real = double>
inline int nearestIndex(RealArg<Real> h) {
    return int(std::ceil(h - Real(0.5)));
}

// sin(N·x)/sin(x), N if x == 0 exactly (docs/physics.md §9 SQUARE).
template <class Real = double>
inline Real sincg(RealArg<Real> x, RealArg<Real> N) {
    return x == Real(0) ? N : std::sin(N * x) / std::sin(x);
}

// 3(sin x/x − cos x)/x², 1 at 0 (docs/physics.md §9 ROUND), as nanoBragg evaluates it: for 0 < |x| ≲ 1e-8 the
// difference cancels to 0 (and is noise below ~1e-3), so a node's value depends on rounding.
template <class Real = double>
inline Real sinc3(RealArg<Real> x) {
    return x == Real(0) ? Real(1) : Real(3) * (std::sin(x) / x - std::cos(x)) / (x * x);
}

// The corrected `shape-limit` variant: below |x| = 0.1 its Taylor series 1 − x²/10 + x⁴/280 −
// x⁶/15120 + x⁸/1330560 (next term ~x¹⁰/1.5e8 < 1e-17); the closed form elsewhere.
template <class Real = double>
inline Real sinc3Stable(RealArg<Real> x) {
    if (std::fabs(x) >= Real(0.1)) return sinc3<Real>(x);
    const Real x2 = x * x;
    return Real(1) - x2 * (Real(1) / 10 - x2 * (Real(1) / 280 - x2 * (Real(1) / 15120 - x2 / 1330560)));
}

struct LatticeInputs {
    CrystalShape shape;
    int Na, Nb, Nc;
    double fudge;
    Vec3 aStar, bStar, cStar;  // un-rotated, Å⁻¹ (GAUSS/TOPHAT)
    bool stableLimit = false;  // corrected `shape-limit`: sinc3Stable for ROUND
};

// F_latt for fractional (h,k,l) with nearest integers (h0,k0,l0), docs/physics.md §9.
template <class Real = double>
inline Real latticeFactor(const LatticeInputs& c, RealArg<Real> h, RealArg<Real> k, RealArg<Real> l, int h0,
                          int k0, int l0) {
    const Real pi = Real(M_PI);
    switch (c.shape) {
        case CrystalShape::Square: {
            Real f = 1;
            if (c.Na > 1) f *= sincg<Real>(pi * h, Real(c.Na));
            if (c.Nb > 1) f *= sincg<Real>(pi * k, Real(c.Nb));
            if (c.Nc > 1) f *= sincg<Real>(pi * l, Real(c.Nc));
            return f;
        }
        case CrystalShape::Round: {
            const Real dh = h - Real(h0), dk = k - Real(k0), dl = l - Real(l0);
            const Real rho2 = dh * dh * Real(c.Na) * Real(c.Na) + dk * dk * Real(c.Nb) * Real(c.Nb) +
                              dl * dl * Real(c.Nc) * Real(c.Nc);
            const Real x = pi * std::sqrt(rho2 * Real(c.fudge));
            return Real(c.Na * c.Nb * c.Nc) * Real(0.723601254558268) *
                   (c.stableLimit ? sinc3Stable<Real>(x) : sinc3<Real>(x));
        }
        case CrystalShape::Gauss:
        case CrystalShape::Tophat: {
            const Vec3T<Real> delta = (h - Real(h0)) * c.aStar.cast<Real>() +
                                      (k - Real(k0)) * c.bStar.cast<Real>() +
                                      (l - Real(l0)) * c.cStar.cast<Real>();
            const Real n = Real(c.Na) * Real(c.Nb) * Real(c.Nc);
            const Real r2 = delta.squaredNorm() * n * n;
            if (c.shape == CrystalShape::Gauss) return n * std::exp(-r2 * Real(c.fudge) / Real(0.63));
            return r2 * Real(c.fudge) < Real(0.3969) ? n : Real(0);
        }
    }
    return 0;
}

// Kahn polarisation factor, docs/physics.md §11. `incident` and `diffracted` are unit vectors.
template <class Real = double>
inline Real polarization(RealArg<Real> kahn, const Vec3T<RealArg<Real>>& incident,
                         const Vec3T<RealArg<Real>>& diffracted, const Vec3T<RealArg<Real>>& polarAxis) {
    using V = Vec3T<Real>;
    const Real cos2theta = incident.dot(diffracted);
    const Real sin2theta2 = Real(1) - cos2theta * cos2theta;
    Real psi = 0;
    if (kahn != Real(0)) {
        const V B = polarAxis.cross(incident);
        const V Bu = B.norm() > 0 ? V(B / B.norm()) : V(0, 0, 0);
        const V E = incident.cross(Bu);
        const V Eu = E.norm() > 0 ? V(E / E.norm()) : V(0, 0, 0);
        psi = -std::atan2(diffracted.dot(Bu), diffracted.dot(Eu));
    }
    return Real(0.5) * (Real(1) + cos2theta * cos2theta - kahn * std::cos(Real(2) * psi) * sin2theta2);
}

// The Kahn factor's frame for one incident direction: B = unit(p × i), E = unit(i × B).
struct PolarizationFrame {
    Vec3 B, E;
};
inline PolarizationFrame polarizationFrame(const Vec3& incident, const Vec3& polarAxis) {
    const Vec3 B = polarAxis.cross(incident);
    const Vec3 Bu = B.norm() > 0 ? Vec3(B / B.norm()) : Vec3(0, 0, 0);
    const Vec3 E = incident.cross(Bu);
    return {Bu, E.norm() > 0 ? Vec3(E / E.norm()) : Vec3(0, 0, 0)};
}

// polarization() without atan2, for vector lanes: with x = d·E and y = d·B,
// cos(2ψ) = cos(2·atan2(y, x)) = (x² − y²)/(x² + y²) (1 when both are 0, as atan2(0, 0) = 0).
// Agrees with polarization() to rounding (tested).
[[gnu::always_inline]] inline double polarizationFromProjections(double kahn, double cos2theta, double x,
                                                                 double y) {
    const double sin2theta2 = 1.0 - cos2theta * cos2theta;
    const double r2 = x * x + y * y;
    const double cos2psi = r2 > 0 ? (x * x - y * y) / r2 : 1.0;
    return 0.5 * (1.0 + cos2theta * cos2theta - kahn * cos2psi * sin2theta2);
}

// Solid angle of a pixel at airpath R, docs/physics.md §5.5.
template <class Real = double>
inline Real solidAngle(RealArg<Real> pixelSize, RealArg<Real> closeDistance, RealArg<Real> R,
                       bool pointPixel) {
    if (pointPixel) return Real(1) / (R * R);
    return pixelSize * pixelSize / (R * R) * closeDistance / R;
}

// d_min cut, docs/physics.md §8: the whole source is skipped for this sub-pixel. Both engines
// call this one form (the optimized kernel per lane).
inline bool cutByDmin(double dminM, double stol) { return dminM > 0 && stol > 0 && dminM > 0.5 / stol; }

// Fraction of photons captured in layer t, docs/physics.md §5.6. parallax = d·o.
template <class Real = double>
inline Real captureFraction(int layer, RealArg<Real> thickStep, RealArg<Real> mu, RealArg<Real> parallax) {
    return std::exp(Real(-layer) * thickStep * mu / parallax) -
           std::exp(Real(-(layer + 1)) * thickStep * mu / parallax);
}

// docs/physics.md §10 nearest-neighbour rule.
template <class Real = double>
inline Real structureFactorNearest(const io::HklTable* table, RealArg<Real> defaultF, int h0, int k0,
                                   int l0) {
    if (table && table->contains(h0, k0, l0)) return Real(table->at(h0, k0, l0));
    return defaultF;
}

// The HKL table's index box as plain values, copied out before the lane loops so that the
// vectorizer sees loop-invariant integers rather than loads through a reference.
struct TableBounds {
    int hmin, hmax, kmin, kmax, lmin, lmax, kRange, lRange;
    explicit TableBounds(const io::HklTable* t)
        : hmin(t ? t->hmin : 0),
          hmax(t ? t->hmax : 0),
          kmin(t ? t->kmin : 0),
          kmax(t ? t->kmax : 0),
          lmin(t ? t->lmin : 0),
          lmax(t ? t->lmax : 0),
          kRange(t ? t->kRange() : 1),
          lRange(t ? t->lRange() : 1) {}
};

// Vector variant of nearestIndex() + structureFactorNearest() on the table's values F. Written with
// arithmetic masks instead of ?: on doubles, which GCC 12 does not vectorize when the mask comes
// from integers: always load (index 0 when outside), then blend with weights 1/0 (exact for finite F).
[[gnu::always_inline]] inline double tableNearest(const TableBounds t, const double* F, double defaultF,
                                                  double h, double k, double l) {
    const int h0 = int(std::ceil(h - 0.5)), k0 = int(std::ceil(k - 0.5)), l0 = int(std::ceil(l - 0.5));
    const int inside =
        (h0 >= t.hmin) & (h0 <= t.hmax) & (k0 >= t.kmin) & (k0 <= t.kmax) & (l0 >= t.lmin) & (l0 <= t.lmax);
    const int index = inside * (((h0 - t.hmin) * t.kRange + (k0 - t.kmin)) * t.lRange + (l0 - t.lmin));
    const double w = double(inside);
    return w * F[index] + (1.0 - w) * defaultF;
}

// docs/physics.md §10 step 1: tricubic interpolation is possible only well inside the table.
template <class Real = double>
inline bool interpolationInRange(const io::HklTable& t, RealArg<Real> h, RealArg<Real> k, RealArg<Real> l) {
    return Real(t.hmin + 2) <= h && h <= Real(t.hmax - 2) && Real(t.kmin + 2) <= k && k <= Real(t.kmax - 2) &&
           Real(t.lmin + 2) <= l && l <= Real(t.lmax - 2);
}

// Vector variant of interpolationInRange(). Non-short-circuit & throughout: && would be a branch,
// which stops vectorization.
[[gnu::always_inline]] inline bool inInterpolationRange(const TableBounds t, double h, double k, double l) {
    return (t.hmin + 2 <= h) & (h <= t.hmax - 2) & (t.kmin + 2 <= k) & (k <= t.kmax - 2) & (t.lmin + 2 <= l) &
           (l <= t.lmax - 2);
}

// 4-point Lagrange polynomial through (x_j, y_j) evaluated at x.
template <class Real = double>
inline Real lagrange4(const Real xs[4], const Real ys[4], RealArg<Real> x) {
    Real sum = 0;
    for (int j = 0; j < 4; ++j) {
        Real term = ys[j];
        for (int m = 0; m < 4; ++m)
            if (m != j) term *= (x - xs[m]) / (xs[j] - xs[m]);
        sum += term;
    }
    return sum;
}

// Vector variant of lagrange4() on the unit-spaced nodes ⌊x⌋−1 … ⌊x⌋+2: their weights at x, from
// t = x − ⌊x⌋ (the kernel weighs a whole lane's 4×4×4 nodes with them).
[[gnu::always_inline]] inline void lagrangeWeights(double t, double& w0, double& w1, double& w2, double& w3) {
    const double tp = t + 1, tm = t - 1, tm2 = t - 2;
    w0 = -t * tm * tm2 / 6;
    w1 = tp * tm * tm2 / 2;
    w2 = -tp * t * tm2 / 2;
    w3 = tp * t * tm / 6;
}

// docs/physics.md §10 step 3: along l for each of the 16 (h,k) node pairs, then k, then h. Requires in-range.
template <class Real = double>
inline Real structureFactorTricubic(const io::HklTable& t, RealArg<Real> h, RealArg<Real> k,
                                    RealArg<Real> l) {
    const int hf = int(std::floor(h)), kf = int(std::floor(k)), lf = int(std::floor(l));
    Real hx[4], kx[4], lx[4];
    for (int n = 0; n < 4; ++n) {
        hx[n] = Real(hf - 1 + n);
        kx[n] = Real(kf - 1 + n);
        lx[n] = Real(lf - 1 + n);
    }
    Real alongK[4];
    for (int i = 0; i < 4; ++i) {
        Real alongL[4];
        for (int j = 0; j < 4; ++j) {
            Real ys[4];
            for (int m = 0; m < 4; ++m) ys[m] = Real(t.at(hf - 1 + i, kf - 1 + j, lf - 1 + m));
            alongL[j] = lagrange4<Real>(lx, ys, l);
        }
        alongK[i] = lagrange4<Real>(kx, alongL, k);
    }
    return lagrange4<Real>(hx, alongK, h);
}

}  // namespace bragg::physics
