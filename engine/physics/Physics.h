#pragma once
// The per-evaluation formulas of spec/physics.md §5.5, §5.6, §8–11, in one place. Both engines
// call these; an optimized engine may add vector versions next to them, tested against these.
#include <cmath>

#include "core/Vec3.h"
#include "io/HklFile.h"
#include "params/Params.h"

namespace bragg::physics {

// Nearest integer with ties going down (0.5 → 0, −0.5 → −1), §8.
inline int nearestIndex(double h) { return int(std::ceil(h - 0.5)); }

// sin(N·x)/sin(x), N if x == 0 exactly (§9 SQUARE).
inline double sincg(double x, double N) { return x == 0.0 ? N : std::sin(N * x) / std::sin(x); }

// 3(sin x/x − cos x)/x², 1 at 0 (§9 ROUND), as nanoBragg evaluates it: for 0 < |x| ≲ 1e-8 the
// difference cancels to 0 (and is noise below ~1e-3), so a node's value depends on rounding.
inline double sinc3(double x) { return x == 0.0 ? 1.0 : 3.0 * (std::sin(x) / x - std::cos(x)) / (x * x); }

// The corrected `shape-limit` variant: below |x| = 0.1 its Taylor series 1 − x²/10 + x⁴/280 −
// x⁶/15120 + x⁸/1330560 (next term ~x¹⁰/1.5e8 < 1e-17); the closed form elsewhere.
inline double sinc3Stable(double x) {
    if (std::fabs(x) >= 0.1) return sinc3(x);
    const double x2 = x * x;
    return 1.0 - x2 * (1.0 / 10 - x2 * (1.0 / 280 - x2 * (1.0 / 15120 - x2 / 1330560)));
}

struct LatticeInputs {
    CrystalShape shape;
    int Na, Nb, Nc;
    double fudge;
    Vec3 aStar, bStar, cStar;  // un-rotated, Å⁻¹ (GAUSS/TOPHAT)
    bool stableLimit = false;  // corrected `shape-limit`: sinc3Stable for ROUND
};

// F_latt for fractional (h,k,l) with nearest integers (h0,k0,l0), §9.
inline double latticeFactor(const LatticeInputs& c, double h, double k, double l, int h0, int k0, int l0) {
    switch (c.shape) {
    case CrystalShape::Square: {
        double f = 1.0;
        if (c.Na > 1) f *= sincg(M_PI * h, c.Na);
        if (c.Nb > 1) f *= sincg(M_PI * k, c.Nb);
        if (c.Nc > 1) f *= sincg(M_PI * l, c.Nc);
        return f;
    }
    case CrystalShape::Round: {
        const double dh = h - h0, dk = k - k0, dl = l - l0;
        const double rho2 = dh * dh * c.Na * c.Na + dk * dk * c.Nb * c.Nb + dl * dl * c.Nc * c.Nc;
        const double x = M_PI * std::sqrt(rho2 * c.fudge);
        return c.Na * c.Nb * c.Nc * 0.723601254558268 * (c.stableLimit ? sinc3Stable(x) : sinc3(x));
    }
    case CrystalShape::Gauss:
    case CrystalShape::Tophat: {
        const Vec3 delta = (h - h0) * c.aStar + (k - k0) * c.bStar + (l - l0) * c.cStar;
        const double n = double(c.Na) * c.Nb * c.Nc;
        const double r2 = delta.squaredNorm() * n * n;
        if (c.shape == CrystalShape::Gauss) return n * std::exp(-r2 * c.fudge / 0.63);
        return r2 * c.fudge < 0.3969 ? n : 0.0;
    }
    }
    return 0.0;
}

// Kahn polarisation factor, §11. `incident` and `diffracted` are unit vectors.
inline double polarization(double kahn, const Vec3& incident, const Vec3& diffracted, const Vec3& polarAxis) {
    const double cos2theta = incident.dot(diffracted);
    const double sin2theta2 = 1.0 - cos2theta * cos2theta;
    double psi = 0.0;
    if (kahn != 0.0) {
        const Vec3 B = polarAxis.cross(incident);
        const Vec3 Bu = B.norm() > 0 ? Vec3(B / B.norm()) : Vec3(0, 0, 0);
        const Vec3 E = incident.cross(Bu);
        const Vec3 Eu = E.norm() > 0 ? Vec3(E / E.norm()) : Vec3(0, 0, 0);
        psi = -std::atan2(diffracted.dot(Bu), diffracted.dot(Eu));
    }
    return 0.5 * (1.0 + cos2theta * cos2theta - kahn * std::cos(2.0 * psi) * sin2theta2);
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
[[gnu::always_inline]] inline double polarizationFromProjections(double kahn, double cos2theta, double x, double y) {
    const double sin2theta2 = 1.0 - cos2theta * cos2theta;
    const double r2 = x * x + y * y;
    const double cos2psi = r2 > 0 ? (x * x - y * y) / r2 : 1.0;
    return 0.5 * (1.0 + cos2theta * cos2theta - kahn * cos2psi * sin2theta2);
}

// Solid angle of a pixel at airpath R, §5.5.
inline double solidAngle(double pixelSize, double closeDistance, double R, bool pointPixel) {
    if (pointPixel) return 1.0 / (R * R);
    return pixelSize * pixelSize / (R * R) * closeDistance / R;
}

// Fraction of photons captured in layer t, §5.6. parallax = d·o.
inline double captureFraction(int layer, double thickStep, double mu, double parallax) {
    return std::exp(-layer * thickStep * mu / parallax) - std::exp(-(layer + 1) * thickStep * mu / parallax);
}

// §10 nearest-neighbour rule.
inline double structureFactorNearest(const io::HklTable* table, double defaultF, int h0, int k0, int l0) {
    if (table && table->contains(h0, k0, l0)) return table->at(h0, k0, l0);
    return defaultF;
}

// §10 step 1: tricubic interpolation is possible only well inside the table.
inline bool interpolationInRange(const io::HklTable& t, double h, double k, double l) {
    return t.hmin + 2 <= h && h <= t.hmax - 2 && t.kmin + 2 <= k && k <= t.kmax - 2 && t.lmin + 2 <= l &&
           l <= t.lmax - 2;
}

// 4-point Lagrange polynomial through (x_j, y_j) evaluated at x.
inline double lagrange4(const double xs[4], const double ys[4], double x) {
    double sum = 0.0;
    for (int j = 0; j < 4; ++j) {
        double term = ys[j];
        for (int m = 0; m < 4; ++m)
            if (m != j) term *= (x - xs[m]) / (xs[j] - xs[m]);
        sum += term;
    }
    return sum;
}

// §10 step 3: along l for each of the 16 (h,k) node pairs, then k, then h. Requires in-range.
inline double structureFactorTricubic(const io::HklTable& t, double h, double k, double l) {
    const int hf = int(std::floor(h)), kf = int(std::floor(k)), lf = int(std::floor(l));
    double hx[4], kx[4], lx[4];
    for (int n = 0; n < 4; ++n) {
        hx[n] = hf - 1 + n;
        kx[n] = kf - 1 + n;
        lx[n] = lf - 1 + n;
    }
    double alongK[4];
    for (int i = 0; i < 4; ++i) {
        double alongL[4];
        for (int j = 0; j < 4; ++j) {
            double ys[4];
            for (int m = 0; m < 4; ++m) ys[m] = t.at(hf - 1 + i, kf - 1 + j, lf - 1 + m);
            alongL[j] = lagrange4(lx, ys, l);
        }
        alongK[i] = lagrange4(kx, alongL, k);
    }
    return lagrange4(hx, alongK, h);
}

}  // namespace bragg::physics
