// The radial profile and the Δ histogram behind the app's plots, on images small enough to bin by
// hand: λ = 2 Å, so sin θ = 1/d, and d = ∞, 2, √2, 2/√3 Å sit at 2θ = 0°, 60°, 90°, 120°.
#include <QtTest>

#include <cmath>
#include <limits>

#include "compare/Histogram.h"
#include "compare/RadialProfile.h"
#include "core/Error.h"

using namespace bragg;

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr float kNan = std::numeric_limits<float>::quiet_NaN();

Image image3x2(std::initializer_list<float> values) {
    Image img(3, 2);
    std::copy(values.begin(), values.end(), img.pixels.begin());
    return img;
}

// 2θ per pixel (slow-major): 0, 60, 60 / 90, 120, 120 degrees.
const std::vector<double> kDSpacingA = {kInf, 2, 2, std::sqrt(2.0), 2 / std::sqrt(3.0), 2 / std::sqrt(3.0)};

}  // namespace

class RadialProfileTest : public QObject {
    Q_OBJECT
private slots:
    // Five bins of 24° over 0–120°: pixel 0 | nothing | pixels 1, 2 | pixel 3 | pixels 4, 5 (120°
    // is the top edge, which belongs to the last bin).
    void profileBinnedByHand() {
        const Image reference = image3x2({1, 2, 4, 3, 6, 9});
        const Image candidate = image3x2({1, 3, 5, 6, 9, 12});
        const std::vector<RadialBin> bins = radialProfile(reference, candidate, kDSpacingA, 2.0, 5);
        QCOMPARE(bins.size(), std::size_t(5));
        const std::size_t pixels[] = {1, 0, 2, 1, 2};
        const double meanRef[] = {1, 0, 3, 3, 7.5}, meanCand[] = {1, 0, 4, 6, 10.5};
        const double ratio[] = {1, NAN, 4.0 / 3, 2, 1.4};
        // d at the bin centres 12°, 36°, 60°, 84°, 108°: 1/sin 6°, 1/sin 18° = √5 + 1, 2,
        // 1/sin 42°, 1/sin 54° = √5 − 1.
        const double dA[] = {9.566772233505, std::sqrt(5.0) + 1, 2, 1.494476549865, std::sqrt(5.0) - 1};
        for (std::size_t b = 0; b < 5; ++b) {
            QCOMPARE(bins[b].pixels, pixels[b]);
            QVERIFY(std::fabs(bins[b].twoThetaLowDeg - 24.0 * double(b)) < 1e-9);
            QVERIFY(std::fabs(bins[b].twoThetaDeg - (12.0 + 24.0 * double(b))) < 1e-9);
            QVERIFY2(std::fabs(bins[b].dSpacingA - dA[b]) < 1e-9,
                     qPrintable(QString::number(bins[b].dSpacingA, 'g', 12)));
            QCOMPARE(bins[b].meanReference, meanRef[b]);
            QCOMPARE(bins[b].meanCandidate, meanCand[b]);
            if (std::isnan(ratio[b]))
                QVERIFY(std::isnan(bins[b].ratio));
            else
                QVERIFY(std::fabs(bins[b].ratio - ratio[b]) < 1e-12);
        }
    }

    // The ROI (fast 1–2, both rows) keeps pixels 1, 2, 4, 5: 60–120° in two bins of 30°. A NaN
    // pixel and a pixel without a resolution (d ≤ 0) are left out.
    void roiAndExcludedPixels() {
        const Image reference = image3x2({1, 2, 4, 3, 6, 9});
        Image candidate = image3x2({1, 3, 5, 6, 9, 12});
        auto bins = radialProfile(reference, candidate, kDSpacingA, 2.0, 2, Roi{1, 2, 0, 1});
        QCOMPARE(bins.size(), std::size_t(2));
        QVERIFY(std::fabs(bins[0].twoThetaLowDeg - 60) < 1e-9 &&
                std::fabs(bins[1].twoThetaHighDeg - 120) < 1e-9);
        QCOMPARE(bins[0].pixels, std::size_t(2));
        QCOMPARE(bins[0].meanReference, 3.0);
        QCOMPARE(bins[1].meanCandidate, 10.5);
        candidate.pixels[5] = kNan;
        std::vector<double> d = kDSpacingA;
        d[2] = 0;
        bins = radialProfile(reference, candidate, d, 2.0, 2, Roi{1, 2, 0, 1});
        QCOMPARE(bins[0].pixels, std::size_t(1));  // pixel 1 alone
        QCOMPARE(bins[0].meanReference, 2.0);
        QCOMPARE(bins[1].pixels, std::size_t(1));  // pixel 4 alone
        QCOMPARE(bins[1].meanCandidate, 9.0);
        QVERIFY_THROWS_EXCEPTION(Error, radialProfile(reference, candidate, d, 2.0, 0));
        QVERIFY_THROWS_EXCEPTION(Error, radialProfile(reference, candidate, {1, 2}, 2.0, 3));
    }

    // Values −2, −1, 0, 0, 1, 2 and a NaN in four bins of width 1 over [−2, 2].
    void histogramByHand() {
        Image values(7, 1);
        values.pixels = {-2, -1, 0, 0, 1, 2, kNan};
        const Histogram h = histogram(values, 4);
        QCOMPARE(h.lower, -2.0);
        QCOMPARE(h.upper, 2.0);
        QCOMPARE(h.counts, (std::vector<std::size_t>{1, 1, 2, 2}));
        QCOMPARE(h.nonFinite, std::size_t(1));
        QCOMPARE(h.binCentre(0), -1.5);
        const Histogram inside = histogram(values, 2, Roi{2, 4, 0, 0});  // 0, 0, 1
        QCOMPARE(inside.counts, (std::vector<std::size_t>{2, 1}));
        Image flat(2, 2);
        const Histogram constant = histogram(flat, 3);
        QCOMPARE(constant.lower, -0.5);
        QCOMPARE(constant.counts, (std::vector<std::size_t>{0, 4, 0}));
    }
};

QTEST_APPLESS_MAIN(RadialProfileTest)
#include "radial_profile_test.moc"
