// Qt-free display maths of the GUI: resolution rings on flat and tilted detectors, the pixel
// probe (fractional hkl, d, 2θ), percentile clipping and difference images.
#include <QtTest>

#include <cmath>
#include <numbers>

#include "DetectorOverlays.h"
#include "ImageStyle.h"
#include "PixelProbe.h"
#include "params/Derive.h"
#include "params/FlagParser.h"

using namespace bragg;
using namespace bragg::ui;

namespace {

Experiment experimentFor(const std::vector<std::string>& flags) {
    return deriveExperiment(parseNanoBraggFlags(flags).params, 0);
}

// Lab position of a continuous pixel coordinate on the flat detector.
Vec3 labPosition(const DetectorModel& d, const PixelPoint& p) {
    return d.pix0 + (p.fast + 0.5) * d.pixelSize * d.fdet + (p.slow + 0.5) * d.pixelSize * d.sdet;
}

double angleDeg(const Vec3& a, const Vec3& b) {
    return std::acos(std::clamp(a.normalized().dot(b.normalized()), -1.0, 1.0)) * 180 / std::numbers::pi;
}

}  // namespace

class OverlaysTest : public QObject {
    Q_OBJECT
private slots:
    void flatDetectorRingIsACircleAboutTheBeam() {
        const Experiment e = experimentFor({"-cell", "50", "50", "50", "90", "90", "90", "-default_F", "1",
                                            "-detpixels", "128", "-pixel", "0.5", "-distance", "100"});
        const auto centre = beamCentrePixel(e);
        QVERIFY(centre);
        const ResolutionRing ring = resolutionRing(e, 3.0);
        const double twoTheta = 2 * std::asin(1.0 / 6.0);
        QCOMPARE(ring.twoThetaDeg, twoTheta * 180 / std::numbers::pi);
        const double radiusPx = 100 * std::tan(twoTheta) / 0.5;
        QVERIFY(!ring.pieces.empty());
        for (const Polyline& piece : ring.pieces)
            for (const PixelPoint& p : piece)
                QVERIFY(std::fabs(std::hypot(p.fast - centre->fast, p.slow - centre->slow) - radiusPx) <
                        1e-6);
    }

    void tiltedDetectorRingKeepsTwoTheta() {
        const Experiment e = experimentFor({"-cell", "50", "50", "50", "90", "90", "90", "-default_F", "1",
                                            "-detpixels", "128", "-pixel", "0.5", "-distance", "100",
                                            "-twotheta", "25", "-detector_rotx", "5"});
        const ResolutionRing ring = resolutionRing(e, 2.5);
        QVERIFY(!ring.pieces.empty());
        int points = 0;
        for (const Polyline& piece : ring.pieces)
            for (const PixelPoint& p : piece) {
                QVERIFY(std::fabs(angleDeg(labPosition(e.detector, p), e.beam.beamDir) - ring.twoThetaDeg) <
                        1e-6);
                ++points;
            }
        QVERIFY(points > 20);
    }

    void unreachableRingIsEmpty() {
        const Experiment e = experimentFor({"-cell", "50", "50", "50", "90", "90", "90", "-default_F", "1",
                                            "-detpixels", "64", "-lambda", "3"});
        QVERIFY(resolutionRing(e, 1.0).pieces.empty());  // λ/2d > 1
    }

    void probeGivesMillerIndicesAndResolution() {
        const Experiment e = experimentFor({"-cell", "40", "40", "40", "90", "90", "90", "-default_F", "1",
                                            "-detpixels", "128", "-distance", "50"});
        Image ref(128, 128), cand(128, 128);
        ref.at(10, 20) = 4;
        cand.at(10, 20) = 5;
        const auto r = probePixel(e, &ref, &cand, 10, 20);
        QVERIFY(r);
        QCOMPARE(*r->reference, 4.0);
        QCOMPARE(*r->difference, 1.0);
        QCOMPARE(*r->relativeDifference, 0.25);
        const double hkl = std::sqrt(r->h * r->h + r->k * r->k + r->l * r->l);
        QVERIFY(std::fabs(r->dSpacingA - 40 / hkl) < 1e-6);  // cubic: d = a / |hkl|
        QVERIFY(std::fabs(2 * std::asin(1.0 / (2 * r->dSpacingA)) * 180 / std::numbers::pi - r->twoThetaDeg) <
                1e-6);
        QVERIFY(!probePixel(e, &ref, &cand, 128, 0));
    }

    void percentileAndRanges() {
        std::vector<float> v(1000);
        for (int i = 0; i < 1000; ++i) v[std::size_t(i)] = float(i + 1);
        QCOMPARE(display::percentile(v, 99.5), 995.0);
        QCOMPARE(display::percentile(v, 100), 1000.0);
        Image sparse(10, 10);
        sparse.at(3, 3) = -2;  // one pixel: the 99.5 % percentile of |Δ| is 0
        const DisplayRange r = symmetricRange(sparse, IntensityTransform{}, 99.5);
        QCOMPARE(r.upper, 2.0);
        QCOMPARE(r.lower, -2.0);
        IntensityTransform sqrtScale{ScaleKind::Sqrt};
        QCOMPARE(sqrtScale.inverse(sqrtScale.forward(-9)), -9.0);
    }

    void differenceKinds() {
        Image a(2, 1), b(2, 1);
        a.pixels = {10, 0};
        b.pixels = {12, -1};
        QCOMPARE(differenceImage(a, b, DifferenceKind::Signed)->pixels[1], -1.0f);
        QCOMPARE(differenceImage(a, b, DifferenceKind::Absolute)->pixels[1], 1.0f);
        QCOMPARE(differenceImage(a, b, DifferenceKind::Relative)->pixels[0], 0.2f);
        QVERIFY(!differenceImage(a, Image(3, 1), DifferenceKind::Signed));
    }
};

QTEST_GUILESS_MAIN(OverlaysTest)
#include "overlays_test.moc"
