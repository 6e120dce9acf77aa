// Geometry, crystal and source set-up against values given by the spec or derived by hand.
#include <QtTest>

#include <cmath>

#include "model/DetectorFrame.h"
#include "model/Lattice.h"
#include "model/PixelGeometry.h"
#include "model/Sources.h"
#include "params/Derive.h"
#include "physics/LatticeFast.h"
#include "physics/Physics.h"
#include "render/ReferenceEngine.h"

using namespace bragg;

namespace {

Params cubic(int detpixels) {
    Params p;
    p.cell = std::array<double, 6>{100, 100, 100, 90, 90, 90};
    p.defaultF = 100;
    p.Na = p.Nb = p.Nc = 5;
    p.fpixels = p.spixels = detpixels;
    return p;
}

double angleDeg(const Vec3& a, const Vec3& b) {
    return std::acos(a.dot(b) / (a.norm() * b.norm())) * 180 / M_PI;
}

}  // namespace

class ModelGeometryTest : public QObject {
    Q_OBJECT
private slots:
    void mosflmPix0ForBeamPivot() {
        Experiment e = deriveExperiment(cubic(1024));
        QCOMPARE(e.detector.fbeam, 0.0513);
        QVERIFY(std::fabs(e.detector.sbeam - 0.0513) < 1e-15);
        QVERIFY((e.detector.pix0 - Vec3(0.1, 0.0513, -0.0513)).norm() < 1e-15);
        e = deriveExperiment(cubic(500));
        QVERIFY((e.detector.pix0 - Vec3(0.1, 0.0251, -0.0251)).norm() < 1e-15);
        QCOMPARE(e.detector.pivot, Pivot::Beam);
    }

    void xdsSamplePivotUsesOrgx() {
        Params p = cubic(160);
        p.convention = Convention::Xds;
        p.orgx = 60.5;
        p.orgy = 95.25;
        const Experiment e = deriveExperiment(p);
        QCOMPARE(e.detector.pivot, Pivot::Sample);
        QVERIFY((e.detector.pix0 - Vec3(-0.006, -0.009475, 0.1)).norm() < 1e-15);
        QVERIFY(std::fabs(e.detector.orgx - 60.5) < 1e-9);
    }

    void conventionsForcePivotAndDefaultBeamCentre() {
        for (Convention c : {Convention::Denzo, Convention::Adxv}) {
            Params p = cubic(41);
            p.convention = c;
            p.pivot = Pivot::Sample;  // ignored by named conventions
            const Experiment e = deriveExperiment(p);
            QCOMPARE(e.detector.pivot, Pivot::Beam);
            // DENZO and ADXV: default beam spot at the corner between pixels 20 and 21 (N odd).
            QVERIFY(std::fabs(e.detector.fbeam - 0.0021) < 1e-15);
        }
        Params p = cubic(41);
        p.convention = Convention::Dials;
        const Experiment e = deriveExperiment(p);
        QCOMPARE(e.detector.pivot, Pivot::Sample);
        QVERIFY(std::fabs(e.detector.fclose - 0.00205) < 1e-15);  // centre of pixel 20
    }

    void twothetaSwingKeepsCloseDistance() {
        Params p = cubic(100);
        p.convention = Convention::Custom;
        p.pivot = Pivot::Sample;
        p.twothetaDeg = 30;
        const Experiment e = deriveExperiment(p);
        // Swinging about the sample keeps the perpendicular distance and tilts the normal by 2θ.
        QVERIFY(std::fabs(e.detector.closeDistance - 0.1) < 1e-12);
        QVERIFY(std::fabs(angleDeg(e.detector.odet, Vec3(1, 0, 0)) - 30) < 1e-9);
    }

    void labPixelConversionsMatchTheEnginesPixels() {
        // A rotated, two-theta detector: the frame's pixel centres are where the engines put them.
        Params p = cubic(64);
        p.convention = Convention::Custom;
        p.pivot = Pivot::Sample;
        p.twothetaDeg = 20;
        p.detectorRotDeg = {3, -2, 5};
        p.oversample = 1;
        const Experiment e = deriveExperiment(p);
        const DetectorModel& d = e.detector;
        for (auto [f, s] : {std::pair{0, 0}, std::pair{63, 0}, std::pair{17, 40}, std::pair{63, 63}}) {
            const Vec3 engine = subpixelPosition(d, f, s, 0, 0, 0);
            const Vec3 lab = labPositionM(d, {double(f), double(s)});
            QVERIFY((lab - engine).norm() < 1e-15);
            const PixelPoint back = pixelOfLabPoint(d, lab);
            QVERIFY(std::fabs(back.fast - f) < 1e-9 && std::fabs(back.slow - s) < 1e-9);
            const auto hit = pixelOfRay(d, engine.normalized());
            QVERIFY(hit && std::fabs(hit->fast - f) < 1e-9 && std::fabs(hit->slow - s) < 1e-9);
        }
        // pix0 is pixel (0, 0)'s outer corner; a ray away from the detector misses it.
        QVERIFY((labPositionM(d, {-0.5, -0.5}) - d.pix0).norm() < 1e-15);
        QVERIFY(!pixelOfRay(d, -d.odet));
    }

    void cellAnglesReproduceReferenceCStar() {
        const CellParameters cell = resolveCell({50, 60, 70, 80, 95, 105});
        const RealCell real = realFromReciprocal(reciprocalFromCell(cell), &cell);
        QVERIFY(std::fabs(angleDeg(real.b, real.c) - 79.9723) < 1e-4);
        QVERIFY(std::fabs(angleDeg(real.c, real.a) - 95.0141) < 1e-4);
        QVERIFY(std::fabs(angleDeg(real.a, real.b) - 105.003) < 1e-3);
        QVERIFY(std::fabs(real.a.norm() - 50e-10) < 1e-22);
    }

    void divergenceGridTrimming() {
        Params p = cubic(16);
        p.hdivRangeMrad = p.vdivRangeMrad = 0.28;
        p.hdivStepMrad = p.vdivStepMrad = 0.02;
        QCOMPARE(int(deriveExperiment(p).beam.sources.size()), 167);
        Params q = cubic(16);
        q.hdivRangeMrad = q.vdivRangeMrad = 1;
        q.hdivSteps = q.vdivSteps = 5;
        QCOMPARE(int(deriveExperiment(q).beam.sources.size()), 13);
    }

    void dispersionWavelengths() {
        Params p = cubic(16);
        p.dispersionPct = 10;
        p.dispSteps = 3;
        const Experiment e = deriveExperiment(p);
        QCOMPARE(int(e.beam.sources.size()), 3);
        QVERIFY(std::fabs(e.beam.sources[0].lambda - 0.95e-10) < 1e-22);
        QVERIFY(std::fabs(e.beam.sources[1].lambda - 1.00e-10) < 1e-22);
        QVERIFY(std::fabs(e.beam.sources[2].lambda - 1.05e-10) < 1e-22);
    }

    void autoOversampleAndSteps() {
        const Experiment e = deriveExperiment(cubic(64));
        QCOMPARE(e.detector.oversample, 2);
        QCOMPARE(e.steps, 4LL);
    }

    void phiZeroCarryOverTable() {
        Params p = cubic(16);
        p.oscDeg = 1;
        p.phiSteps = 5;
        const Experiment e = deriveExperiment(p);
        const CrystalModel& x = e.crystal;
        QCOMPARE(x.phiSteps(), 5);
        // The very first φ loop sees a0 at φ = 0; every later one sees the last rotation.
        QCOMPARE(x.aFirst[0], x.a0);
        QCOMPARE(x.aLater[0], x.aLater[4]);
        QVERIFY(x.aLater[0] != x.a0);
    }

    void solidAngleFallsWithDistanceCubed() {
        const double w1 = physics::solidAngle(1e-4, 0.1, 0.1, false);
        const double w2 = physics::solidAngle(1e-4, 0.2, 0.2, false);
        QVERIFY(std::fabs(w1 - 1e-6) < 1e-18);
        QVERIFY(std::fabs(w1 / w2 - 4.0) < 1e-12);
        QVERIFY(std::fabs(physics::solidAngle(1e-4, 0.1, 0.2, true) - 25.0) < 1e-12);
    }

    void sincgLimits() {
        QCOMPARE(physics::sincg(0.0, 5), 5.0);
        QVERIFY(std::fabs(std::fabs(physics::sincg(M_PI * 3.0000001, 5)) - 5.0) < 1e-4);
        QVERIFY(std::fabs(physics::sincg(M_PI * 0.5, 5) - 1.0) < 1e-12);  // sin(2.5π)/sin(0.5π)
        QCOMPARE(physics::sinc3(0.0), 1.0);
        QVERIFY(std::fabs(physics::sinc3(1e-3) - 1.0) < 1e-6);
    }

    // The optimized engine's lattice factor (fractional index + Chebyshev) against an accurate
    // long-double sin(Nπδ)/sin(πδ), and the reference's sincg (whose large-argument sines lose
    // up to ~|Nπh|·eps relative near integer h, as the spec says).
    void fastLatticeFactorMatchesSincg() {
        double worstDouble = 0;  // the short series in double (the interpolating pass)
        for (int n = 0; n < 2000; ++n) {
            const double h = -40.0 + n * 0.0401 + 1e-7;
            for (int N : {5, 9}) {
                const long double delta = (long double)h - std::ceil(h - 0.5);
                const long double x = 3.14159265358979323846264338327950288L * delta;
                const double exact = delta == 0 ? N : double(std::fabs(std::sin(N * x) / std::sin(x)));
                const double fastDouble = std::fabs(N == 5 ? physics::latticeAxisFactorShortN<5, double>(h)
                                                           : physics::latticeAxisFactorShortN<9, double>(h));
                const double fastFloat = std::fabs(N == 5 ? physics::latticeAxisFactorShortN<5, float>(h)
                                                          : physics::latticeAxisFactorShortN<9, float>(h));
                QVERIFY(std::fabs(std::fabs(physics::latticeAxisFactor(h, N)) - exact) < 1e-13 * N);
                worstDouble = std::max(worstDouble, std::fabs(fastDouble - exact) / N);
                QVERIFY(std::fabs(fastFloat - exact) < 2e-6 * N);
                QVERIFY(std::fabs(std::fabs(physics::sincg(M_PI * h, N)) - exact) < 1e-6 * N);
            }
        }
        qInfo("short series in double: worst |error|/N = %.3g", worstDouble);
        QVERIFY(worstDouble < 1e-8);  // measured 2.0e-9 (N = 9); float is ~1e-7, the full series 1e-15
        QCOMPARE((physics::latticeAxisFactorShortN<5, double>(3.0)), 5.0);  // δ = 0: U_4(1) = N
    }

    void kahnFactor() {
        const Vec3 i(1, 0, 0), p(0, 0, 1);
        // Unpolarised: (1 + cos²2θ)/2.
        const Vec3 d45 = Vec3(1, 1, 0).normalized();
        QVERIFY(std::fabs(physics::polarization(0, i, d45, p) - 0.75) < 1e-12);
        // Fully polarised along z: scattering in the xy plane (perpendicular to E) keeps 1.
        QVERIFY(std::fabs(physics::polarization(1, i, d45, p) - 1.0) < 1e-12);
        // Scattering in the xz plane (towards E) gives cos²2θ.
        const Vec3 dxz = Vec3(1, 0, 1).normalized();
        QVERIFY(std::fabs(physics::polarization(1, i, dxz, p) - 0.5) < 1e-12);
    }

    // The atan2-free form used by vector lanes equals the reference formula.
    void polarizationWithoutAtan2MatchesReference() {
        const Vec3 i = Vec3(1, 0.01, -0.02).normalized(), p(0, 0, 1);
        const physics::PolarizationFrame frame = physics::polarizationFrame(i, p);
        for (int n = 0; n < 200; ++n) {
            const Vec3 d = Vec3(1, std::sin(n * 0.37) * 0.6, std::cos(n * 0.91) * 0.6).normalized();
            for (double kahn : {0.0, 0.5, 0.99, 1.0}) {
                const double reference = physics::polarization(kahn, i, d, p);
                const double fast =
                    physics::polarizationFromProjections(kahn, i.dot(d), d.dot(frame.E), d.dot(frame.B));
                QVERIFY(std::fabs(fast - reference) < 1e-14);
            }
        }
    }

    void captureFractionsSumToAbsorbed() {
        const double T = 100e-6, mu = 1 / 200e-6, parallax = 0.8;
        const int K = 4;
        const double step = T / K;
        double sum = 0;
        for (int t = 0; t < K; ++t) sum += physics::captureFraction(t, step, mu, parallax);
        QVERIFY(std::fabs(sum - (1 - std::exp(-mu * T / parallax))) < 1e-12);
    }

    // A single reflection G = (−1, 10, 0) placed exactly on the Ewald sphere by choosing λ: its spot
    // must appear where d = i + λG meets the detector.
    void braggSpotPosition() {
        Params p = cubic(1024);
        p.Na = p.Nb = p.Nc = 20;
        p.lambdaA = 0.02 / 0.0101;  // i·G = −λ|G|²/2 for |a*| = 0.01 Å⁻¹
        p.oversample = 1;
        p.roi = {500, 525, 296, 326};
        const Experiment e = deriveExperiment(p);
        const Vec3 d = Vec3(1, 0, 0) + p.lambdaA * Vec3(-0.01, 0.1, 0);
        QVERIFY(std::fabs(d.norm() - 1) < 1e-12);
        const Vec3 onDetector = d * (0.1 / d[0]);
        const Vec3 rel = onDetector - e.detector.pix0;
        const double expectF = rel.dot(e.detector.fdet) / 1e-4 - 0.5,
                     expectS = rel.dot(e.detector.sdet) / 1e-4 - 0.5;
        const Image image = ReferenceEngine().render(e);
        int bestF = 0, bestS = 0;
        float best = -1;
        for (int s = 296; s <= 326; ++s)
            for (int f = 500; f <= 525; ++f)
                if (image.at(f, s) > best) best = image.at(f, s), bestF = f, bestS = s;
        QVERIFY2(std::fabs(bestF - expectF) <= 1.0 && std::fabs(bestS - expectS) <= 1.0,
                 qPrintable(QString("spot at (%1,%2), expected (%3,%4)")
                                .arg(bestF)
                                .arg(bestS)
                                .arg(expectF)
                                .arg(expectS)));
    }
};

QTEST_GUILESS_MAIN(ModelGeometryTest)
#include "model_geometry_test.moc"
