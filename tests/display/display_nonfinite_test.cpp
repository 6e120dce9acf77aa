// The display maths with NaN and ±inf pixels (issue 24): ranges, percentiles and limits see the
// finite pixels only, and every mapping draws a non-finite pixel in kNonFiniteRgb.
#include <QtTest>

#include <array>
#include <cmath>
#include <limits>

#include "compare/Percentile.h"
#include "DisplayTestSupport.h"
#include "display/ColourMap.h"

using namespace bragg;
using namespace bragg::display;
using displaytest::image;
using displaytest::rgbAt;

namespace {

constexpr float kNan = std::numeric_limits<float>::quiet_NaN();
constexpr float kInf = std::numeric_limits<float>::infinity();
constexpr float kMax = std::numeric_limits<float>::max();

const std::array<int, 3> kMagenta{kNonFiniteRgb[0], kNonFiniteRgb[1], kNonFiniteRgb[2]};

}  // namespace

class DisplayNonFiniteTest : public QObject {
    Q_OBJECT
private slots:
    void colourIsMagenta() { QCOMPARE(kMagenta, (std::array<int, 3>{255, 0, 255})); }

    void percentilesSkipNonFinite() {
        const Image a = image(4, 1, {kNan, 1, 2, kInf}), b = image(3, 1, {3, -kInf, 4});
        // Finite pooled pixels 1 2 3 4: the median interpolates to 2.5, the extremes are 1 and 4.
        QCOMPARE(pooledPercentile({&a, &b}, 50), 2.5);
        QCOMPARE(pooledPercentile({&a, &b}, 0), 1.0);
        QCOMPARE(pooledPercentile({&a, &b}, 100), 4.0);
        const Image none = image(2, 1, {kNan, kInf});
        QCOMPARE(pooledPercentile({&none}, 100), 0.0);
    }

    void rangesIgnoreNonFinite() {
        const Image a = image(5, 1, {0, 1, 2, 3, kNan}), b = image(5, 1, {1, 2, 3, 4, kInf});
        const DisplayRange r = intensityRange({&a, &b}, ScaleKind::Linear, 100);
        QCOMPARE(r.lower, 0.0);
        QCOMPARE(r.upper, 4.0);
        // Only non-finite pixels: a usable range all the same.
        const Image none = image(2, 1, {kNan, -kInf});
        const DisplayRange empty = intensityRange(none, ScaleKind::Linear, 99.5);
        QCOMPARE(empty.lower, 0.0);
        QCOMPARE(empty.upper, 1.0);
        const DisplayRange d = symmetricRange(image(5, 1, {1, -2, kInf, kNan, -kInf}), {}, 100);
        QCOMPARE(d.upper, 2.0);
        QCOMPARE(symmetricRange(image(2, 1, {kNan, kInf}), {}, 99).upper, 1.0);
    }

    void differenceIsNonFiniteOnlyWhereAnInputIs() {
        const Image ref = image(6, 1, {1, 1, kInf, kInf, kMax, 5});
        const Image cand = image(6, 1, {kNan, kInf, kInf, -kInf, -kMax, 7});
        const Image d = *differenceImage(ref, cand);
        QVERIFY(std::isnan(d.pixels[0]));
        QCOMPARE(d.pixels[1], kInf);
        QVERIFY(std::isnan(d.pixels[2]));  // +inf − +inf
        QCOMPARE(d.pixels[3], -kInf);
        QCOMPARE(d.pixels[4], -kMax);  // −max − max saturates: both sides are finite
        QCOMPARE(d.pixels[5], 2.0f);
    }

    void mapsDrawNonFiniteInItsColour() {
        const Image a = image(5, 1, {0, kNan, kInf, -kInf, 4});
        const ColourMapping m = intensityMapping({&a}, {ScaleKind::Linear, 100, ColorScheme::Viridis});
        QCOMPARE(m.range.upper, 4.0);
        const RgbImage rgb = render(a, m);
        QCOMPARE(rgbAt(rgb, 0), (std::array<int, 3>{68, 1, 84}));     // viridis start
        QCOMPARE(rgbAt(rgb, 4), (std::array<int, 3>{253, 231, 37}));  // viridis end
        for (int x : {1, 2, 3}) QCOMPARE(rgbAt(rgb, x), kMagenta);

        const Image d = image(4, 1, {-2, 0, kNan, kInf});
        const RgbImage diff =
            render(d, differenceMapping(d, DifferenceKind::Signed, {ScaleKind::Linear, 100}));
        QCOMPARE(rgbAt(diff, 0), (std::array<int, 3>{5, 48, 97}));
        QCOMPARE(rgbAt(diff, 1), (std::array<int, 3>{247, 247, 247}));
        QCOMPARE(rgbAt(diff, 2), kMagenta);
        QCOMPARE(rgbAt(diff, 3), kMagenta);
    }
};

QTEST_GUILESS_MAIN(DisplayNonFiniteTest)
#include "display_nonfinite_test.moc"
