// The sticky-interpolation scan's shortcut (render/ScanBound.h): whenever it calls a segment
// "surely in range", every evaluation of that segment — each pixel, sub-pixel, layer, source and
// orientation — is in the interpolation range, checked exhaustively on seeded random geometries
// whose tables end inside the detector; the optimized plan's sequential facts equal the
// reference's pixel-by-pixel scan; and on bench case E's geometry the shortcut skips most
// segments (that is what it is for).
#include <QtTest>

#include <random>

#include "model/PixelGeometry.h"
#include "params/Derive.h"
#include "params/FlagParser.h"
#include "physics/Physics.h"
#include "render/OptimizedPlan.h"
#include "render/ScanBound.h"

using namespace bragg;

namespace {

// A table spanning [lo, hi] on every axis (values are irrelevant to the range test).
std::shared_ptr<const io::HklTable> tableSpanning(int hlo, int hhi, int klo, int khi, int llo, int lhi) {
    auto t = std::make_shared<io::HklTable>();
    t->hmin = hlo, t->hmax = hhi, t->kmin = klo, t->kmax = khi, t->lmin = llo, t->lmax = lhi;
    t->F.assign(std::size_t(t->hRange()) * t->kRange() * t->lRange(), 10.0);
    return t;
}

Experiment experimentOf(const std::vector<std::string>& flags, std::shared_ptr<const io::HklTable> table) {
    Experiment e = deriveExperiment(parseNanoBraggFlags(flags).params);
    e.crystal.hkl = std::move(table);
    e.crystal.interpolate = true;
    return e;
}

// Random geometry: conventions, detector rotations, two-theta, oversample, thickness layers,
// several sources, mosaic domains and φ steps, and a table that ends inside the detector.
Experiment randomExperiment(std::mt19937& rng) {
    std::uniform_real_distribution<double> u(0, 1);
    auto num = [](double x) { return std::to_string(x); };
    std::vector<std::string> f{"-cell",
                               num(40 + 50 * u(rng)),
                               num(40 + 50 * u(rng)),
                               num(40 + 50 * u(rng)),
                               num(75 + 30 * u(rng)),
                               num(75 + 30 * u(rng)),
                               num(75 + 30 * u(rng)),
                               "-default_F",
                               "10",
                               "-N",
                               "3",
                               "-detpixels",
                               std::to_string(96 + int(u(rng) * 64)),
                               "-pixel",
                               num(0.2 + 0.3 * u(rng)),
                               "-distance",
                               num(80 + 60 * u(rng)),
                               "-lambda",
                               num(0.8 + 0.6 * u(rng)),
                               "-misset",
                               num(360 * u(rng)),
                               num(180 * u(rng) - 90),
                               num(360 * u(rng))};
    const char* conventions[] = {"-mosflm", "-xds", "-adxv", "-denzo", "-dials"};
    f.push_back(conventions[int(u(rng) * 5) % 5]);
    if (u(rng) < 0.4)
        f.insert(f.end(), {"-detector_rotx", num(6 * u(rng) - 3), "-detector_roty", num(6 * u(rng) - 3)});
    if (u(rng) < 0.3) f.insert(f.end(), {"-twotheta", num(15 * u(rng))});
    if (u(rng) < 0.5) f.insert(f.end(), {"-oversample", std::to_string(1 + int(u(rng) * 3))});
    if (u(rng) < 0.3) f.insert(f.end(), {"-detector_thick", num(100 + 200 * u(rng)), "-thicksteps", "3"});
    if (u(rng) < 0.3) f.insert(f.end(), {"-divergence", num(0.5 + u(rng)), "-divsteps", "3"});
    if (u(rng) < 0.3) f.insert(f.end(), {"-dispersion", num(0.5 + 2 * u(rng)), "-dispsteps", "3"});
    if (u(rng) < 0.3) f.insert(f.end(), {"-mosaic", num(0.2 + u(rng)), "-mosaic_domains", "3"});
    if (u(rng) < 0.4) f.insert(f.end(), {"-osc", num(0.5 + u(rng)), "-phisteps", "2"});  // φ = 0 carry-over
    // Half-ranges of 10–40 indices, shifted so the range's edge crosses the detector.
    auto edge = [&](int& lo, int& hi) {
        const int half = 10 + int(u(rng) * 31), shift = int(u(rng) * 2 * half) - half;
        lo = -half + shift, hi = half + shift;
    };
    int hl, hh, kl, kh, ll, lh;
    edge(hl, hh), edge(kl, kh), edge(ll, lh);
    return experimentOf(f, tableSpanning(hl, hh, kl, kh, ll, lh));
}

// Exhaustively: is every evaluation of pixels [f0, f1) of row `slow` in range?
bool allInRange(const Experiment& e, int slow, int f0, int f1) {
    const DetectorModel& d = e.detector;
    const CrystalModel& x = e.crystal;
    const io::HklTable& t = *x.hkl;
    for (int f = f0; f < f1; ++f)
        for (int layer = 0; layer < d.thickLayers; ++layer)
            for (int subS = 0; subS < d.oversample; ++subS)
                for (int subF = 0; subF < d.oversample; ++subF) {
                    const Vec3 P = subpixelPosition(d, f, slow, subS, subF, layer);
                    const Vec3 dir = P / P.norm();
                    for (const Source& s : e.beam.sources) {
                        const Vec3 S = (dir - s.incident) / s.lambda;
                        for (const auto* abc : {&x.aLater, &x.aFirst}) {
                            const bool first = abc == &x.aFirst;
                            for (std::size_t i = 0; i < abc->size(); ++i) {
                                const double h = (*abc)[i].dot(S);
                                const double k = (first ? x.bFirst : x.bLater)[i].dot(S);
                                const double l = (first ? x.cFirst : x.cLater)[i].dot(S);
                                if (!physics::interpolationInRange(t, h, k, l)) return false;
                            }
                        }
                    }
                }
    return true;
}

ScanBound boundOf(const Experiment& e) {
    const CrystalModel& x = e.crystal;
    return ScanBound(e, {&x.aLater, &x.aFirst}, {&x.bLater, &x.bFirst}, {&x.cLater, &x.cFirst});
}

}  // namespace

class ScanBoundTest : public QObject {
    Q_OBJECT
private slots:
    void surelyInRangeIsNeverWrong() {
        std::mt19937 rng(2026);
        long long claimed = 0, outside = 0, segments = 0;
        for (int config = 0; config < 40; ++config) {
            const Experiment e = randomExperiment(rng);
            const ScanBound bound = boundOf(e);
            const DetectorModel& d = e.detector;
            for (int slow = 0; slow < d.spixels; slow += 3) {
                for (int f0 = 0; f0 < d.fpixels; f0 += 64) {
                    const int f1 = std::min(f0 + 64, d.fpixels);
                    const bool inRange = allInRange(e, slow, f0, f1);
                    ++segments;
                    outside += !inRange;
                    if (!bound.surelyInRange(slow, f0, f1)) continue;
                    ++claimed;
                    QVERIFY2(inRange,
                             qPrintable(QString("config %1 row %2 pixels %3-%4: claimed in range, is not")
                                            .arg(config)
                                            .arg(slow)
                                            .arg(f0)
                                            .arg(f1)));
                }
            }
        }
        qInfo("%lld segments: %lld claimed in range, %lld with an evaluation out of range", segments, claimed,
              outside);
        // Both kinds occur, and the shortcut claims most of the segments that are in range.
        QVERIFY(outside > segments / 10);
        QVERIFY(claimed > (segments - outside) / 2);
    }

    void curvedDetectorIsNeverClaimed() {
        const Experiment e =
            experimentOf({"-curved_det", "-cell", "70", "-default_F", "10", "-N", "3", "-detpixels", "64"},
                         tableSpanning(-50, 50, -50, 50, -50, 50));
        const ScanBound bound = boundOf(e);
        QVERIFY(allInRange(e, 10, 0, 64));
        QVERIFY(!bound.surelyInRange(10, 0, 64));
    }

    void planFactsEqualThePixelByPixelScan() {
        std::mt19937 rng(11);
        int switched = 0;
        for (int config = 0; config < 40; ++config) {
            const Experiment e = randomExperiment(rng);
            const SequentialFacts reference = computeSequentialFacts(e);  // ReferencePixel, pixel by pixel
            for (const std::string& isa : availableIsas()) {
                const OptimizedPlan plan = makeOptimizedPlan(e, kernelFor(isa));
                QCOMPARE(plan.facts.interpolationOffPixel, reference.interpolationOffPixel);
                QCOMPARE(plan.facts.firstPhiPixel, reference.firstPhiPixel);
            }
            switched += reference.interpolationOffPixel != LLONG_MAX &&
                        reference.interpolationOffPixel > e.detector.fpixels * 8;  // past the first rows
        }
        QVERIFY(switched >= 5);  // switch-offs deep in the image occur, not only in row 0
    }

    void skipsMostOfBenchCaseE() {
        // Bench case E's geometry and cell with a table like benchE_P1.hkl's (h −23…5, k ±44,
        // l ±45): no evaluation leaves the range, so the scan visits every segment.
        const Experiment e =
            experimentOf({"-cell", "70", "80", "90", "75", "85", "95", "-default_F", "100", "-lambda", "1",
                          "-distance", "100", "-N", "5", "-detpixels", "1024"},
                         tableSpanning(-23, 5, -44, 44, -45, 45));
        const ScanBound bound = boundOf(e);
        long long claimed = 0, segments = 0;
        for (int slow = 0; slow < 1024; ++slow)
            for (int f0 = 0; f0 < 1024; f0 += 64, ++segments)
                claimed += bound.surelyInRange(slow, f0, f0 + 64);
        qInfo("bench case E: %lld of %lld segments claimed in range", claimed, segments);
        QVERIFY(claimed > segments * 9 / 10);
    }
};

QTEST_GUILESS_MAIN(ScanBoundTest)
#include "scan_bound_test.moc"
