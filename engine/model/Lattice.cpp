#include "model/Lattice.h"

#include <cmath>
#include <limits>

#include "model/Rotation.h"

namespace bragg {
namespace {

constexpr double kDegree = M_PI / 180.0;
constexpr double kTiny = std::numeric_limits<double>::min();

double clampSine(double s) { return s > 1 ? 1 : (s < -1 ? -1 : s); }
double clampCosine(double c) { return c * c > 1 ? 1 : c; }  // reference: even a negative one → +1

}  // namespace

CellParameters resolveCell(const std::array<double, 6>& g) {
    CellParameters c;
    c.a = g[0];
    c.b = g[1] > 0 ? g[1] : c.a;
    c.c = g[2] > 0 ? g[2] : c.a;
    c.alpha = (g[3] > 0 ? g[3] : 90) * kDegree;
    c.beta = (g[4] > 0 ? g[4] : 90) * kDegree;
    c.gamma = (g[5] > 0 ? g[5] : 90) * kDegree;
    const double sigma = (c.alpha + c.beta + c.gamma) / 2;
    const double skew = std::fabs(std::sin(sigma) * std::sin(sigma - c.alpha) * std::sin(sigma - c.beta) *
                                  std::sin(sigma - c.gamma));
    c.volume = 2 * c.a * c.b * c.c * std::sqrt(skew);
    if (c.volume <= 0) c.volume = kTiny;
    return c;
}

ReciprocalCell reciprocalFromCell(const CellParameters& c) {
    const double V = c.volume, Vstar = 1 / V;
    auto positive = [](double x) {
        x = std::fabs(x);
        return x > 0 ? x : kTiny;
    };
    const double aLen = positive(c.b * c.c * std::sin(c.alpha) / V);
    const double bLen = positive(c.c * c.a * std::sin(c.beta) / V);
    const double cLen = positive(c.a * c.b * std::sin(c.gamma) / V);
    const double sinGammaStar = clampSine(c.c * Vstar / (aLen * bLen));
    const double cosAlphaStar = clampCosine((std::cos(c.beta) * std::cos(c.gamma) - std::cos(c.alpha)) /
                                            (std::sin(c.beta) * std::sin(c.gamma)));
    const double cosBetaStar = clampCosine((std::cos(c.gamma) * std::cos(c.alpha) - std::cos(c.beta)) /
                                           (std::sin(c.gamma) * std::sin(c.alpha)));
    const double cosGammaStar = clampCosine((std::cos(c.alpha) * std::cos(c.beta) - std::cos(c.gamma)) /
                                            (std::sin(c.alpha) * std::sin(c.beta)));
    ReciprocalCell r;
    r.aStar = aLen * Vec3(1, 0, 0);
    r.bStar = bLen * Vec3(cosGammaStar, sinGammaStar, 0);
    // The reference uses the direct-cell factor V/(abc) here (docs/physics.md §4.1): keep it.
    r.cStar = cLen * Vec3(cosBetaStar, (cosAlphaStar - cosBetaStar * cosGammaStar) / sinGammaStar,
                          V / (c.a * c.b * c.c * sinGammaStar));
    return r;
}

ReciprocalCell reciprocalFromMatrix(const std::array<double, 9>& m, double lambdaA) {
    const double scale = 1.0 / lambdaA;
    ReciprocalCell r;
    r.aStar = scale * Vec3(m[0], m[3], m[6]);
    r.bStar = scale * Vec3(m[1], m[4], m[7]);
    r.cStar = scale * Vec3(m[2], m[5], m[8]);
    return r;
}

RealCell realFromReciprocal(const ReciprocalCell& r, const CellParameters* cell) {
    Vec3 A = r.bStar.cross(r.cStar), B = r.cStar.cross(r.aStar), C = r.aStar.cross(r.bStar);
    double Vstar = dot3(r.aStar, A);
    if (cell) {
        A *= (cell->a / cell->volume) / A.norm();
        B *= (cell->b / cell->volume) / B.norm();
        C *= (cell->c / cell->volume) / C.norm();
        Vstar = 1 / cell->volume;
    }
    const double V = 1 / Vstar;
    const Vec3 a = V * A, b = V * B, c = V * C;
    RealCell out;
    out.aStar = Vstar * b.cross(c);
    out.bStar = Vstar * c.cross(a);
    out.cStar = Vstar * a.cross(b);
    out.a = a * 1e-10;
    out.b = b * 1e-10;
    out.c = c * 1e-10;
    return out;
}

void buildOrientationTable(CrystalModel& x, const Vec3& spindle, bool fixPhiZero) {
    const int nPhi = x.phiSteps(), nDomains = x.domains();
    // Working vectors per φ step: the reference rotates only when φ ≠ 0 exactly and otherwise
    // keeps whatever the previous rotation left (docs/physics.md §7.1).
    std::vector<std::array<Vec3, 3>> rotated(nPhi), first(nPhi), later(nPhi);
    int lastNonZero = -1;
    for (int m = 0; m < nPhi; ++m) {
        if (x.phiRad[m] != 0.0 || fixPhiZero) {
            rotated[m] = {rotateAxis(x.a0, spindle, x.phiRad[m]), rotateAxis(x.b0, spindle, x.phiRad[m]),
                          rotateAxis(x.c0, spindle, x.phiRad[m])};
            lastNonZero = m;
        }
    }
    const std::array<Vec3, 3> unrotated{x.a0, x.b0, x.c0};
    const std::array<Vec3, 3> carried = lastNonZero >= 0 ? rotated[lastNonZero] : unrotated;
    int current = -1;
    for (int m = 0; m < nPhi; ++m) {
        if (x.phiRad[m] != 0.0 || fixPhiZero) current = m;
        first[m] = current >= 0 ? rotated[current] : unrotated;
        later[m] = current >= 0 ? rotated[current] : carried;
    }
    const std::size_t n = std::size_t(nPhi) * nDomains;
    for (auto* v : {&x.aLater, &x.bLater, &x.cLater, &x.aFirst, &x.bFirst, &x.cFirst})
        v->assign(n, Vec3::Zero());
    for (int m = 0; m < nPhi; ++m) {
        for (int q = 0; q < nDomains; ++q) {
            const std::size_t i = std::size_t(m) * nDomains + q;
            auto apply = [&](const Vec3& v) -> Vec3 {
                return x.mosaicSpread > 0 ? Vec3(x.mosaic[q] * v) : v;
            };
            x.aLater[i] = apply(later[m][0]);
            x.bLater[i] = apply(later[m][1]);
            x.cLater[i] = apply(later[m][2]);
            x.aFirst[i] = apply(first[m][0]);
            x.bFirst[i] = apply(first[m][1]);
            x.cFirst[i] = apply(first[m][2]);
        }
    }
}

}  // namespace bragg
