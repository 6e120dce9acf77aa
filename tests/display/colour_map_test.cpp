// The display module: transforms, ranges, colour stops and the mappings every picture uses.
#include <QtTest>

#include <array>
#include <cmath>

#include "DisplayTestSupport.h"
#include "display/ColourMap.h"

using namespace bragg;
using namespace bragg::display;
using displaytest::image;
using displaytest::rgbAt;

namespace {

std::array<int, 3> ints(const Rgb& c) { return {c[0], c[1], c[2]}; }

}  // namespace

class ColourMapTest : public QObject {
    Q_OBJECT
private slots:
    void transformsInvert() {
        for (ScaleKind kind : {ScaleKind::Linear, ScaleKind::Sqrt, ScaleKind::Log}) {
            const IntensityTransform t{kind};
            for (double v : {0.25, 1.0, 9.0, 400.0})
                QVERIFY(std::fabs(t.inverse(t.forward(v)) - v) < 1e-12 * v);
        }
        QCOMPARE(IntensityTransform{ScaleKind::Sqrt}.forward(-9), -3.0);        // signed stays signed
        QCOMPARE((IntensityTransform{ScaleKind::Log, 0.01}.forward(0)), -2.0);  // floored
    }

    void percentileIsNearestRank() {
        std::vector<float> v;
        for (int i = 1; i <= 200; ++i) v.push_back(float(i));
        QCOMPARE(percentile(v, 99.5), 199.0);
        QCOMPARE(percentile(v, 50), 100.0);
        QCOMPARE(percentile(v, 100), 200.0);
        QCOMPARE(percentile(v, 0), 1.0);
    }

    void linkedRangePoolsImages() {
        const Image a = image(4, 1, {0, 1, 2, 3}), b = image(4, 1, {1, 2, 3, 4});
        const DisplayRange r = intensityRange({&a, &b}, ScaleKind::Linear, 100);
        QCOMPARE(r.lower, 0.0);
        QCOMPARE(r.upper, 4.0);
        IntensityTransform t;
        const DisplayRange s = intensityRange({&a, &b}, ScaleKind::Sqrt, 100, &t);
        QCOMPARE(s.upper, 2.0);
        QCOMPARE(t.kind, ScaleKind::Sqrt);
    }

    void stopsInterpolateLinearly() {
        const std::vector<ColourStop> grey = colourStops(ColorScheme::Grey);
        QCOMPARE(ints(colourAt(grey, 0)), (std::array<int, 3>{0, 0, 0}));
        QCOMPARE(ints(colourAt(grey, 0.5)), (std::array<int, 3>{128, 128, 128}));  // 127.5 rounds up
        QCOMPARE(ints(colourAt(grey, 2)), (std::array<int, 3>{255, 255, 255}));    // clamped
        QCOMPARE(ints(colourAt(grey, std::nan(""))), (std::array<int, 3>{0, 0, 0}));
        QCOMPARE(ints(colourAt(colourStops(ColorScheme::InvertedGrey), 0.25)),
                 (std::array<int, 3>{191, 191, 191}));
        // Between viridis's stops at 0 (68, 1, 84) and 1/8 (71, 44, 122): halfway.
        QCOMPARE(ints(colourAt(colourStops(ColorScheme::Viridis), 0.0625)),
                 (std::array<int, 3>{70, 23, 103}));
        for (ColorScheme s :
             {ColorScheme::Grey, ColorScheme::InvertedGrey, ColorScheme::Heat, ColorScheme::Viridis}) {
            const auto stops = colourStops(s);
            QCOMPARE(stops.front().position, 0.0);
            QCOMPARE(stops.back().position, 1.0);
            for (std::size_t i = 1; i < stops.size(); ++i) QVERIFY(stops[i].position > stops[i - 1].position);
        }
    }

    void intensityMappingColoursByTransformedValue() {
        // sqrt scale over 0..100, clip 100: 25 is at sqrt(25)/10 = 0.5 of the grey ramp.
        const Image a = image(3, 1, {0, 25, 100});
        const ColourMapping m = intensityMapping({&a}, {ScaleKind::Sqrt, 100, ColorScheme::Grey});
        const RgbImage rgb = render(a, m);
        QCOMPARE(rgb.width, 3);
        QCOMPARE(rgbAt(rgb, 0), (std::array<int, 3>{0, 0, 0}));
        QCOMPARE(rgbAt(rgb, 1), (std::array<int, 3>{128, 128, 128}));
        QCOMPARE(rgbAt(rgb, 2), (std::array<int, 3>{255, 255, 255}));
    }

    void differenceMappingIsSymmetricAndDiverging() {
        const Image a = image(4, 1, {0, 1, 2, 3});
        const Image d = *differenceImage(a, image(4, 1, {-2, 1, 2, 5}));
        QCOMPARE(d.pixels, (std::vector<float>{-2, 0, 0, 2}));
        const ColourMapping m = differenceMapping(d, DifferenceKind::Signed, {ScaleKind::Log, 100});
        QCOMPARE(m.transform.kind, ScaleKind::Sqrt);  // log shown as sqrt: the sign stays
        QCOMPARE(m.range.lower, -std::sqrt(2.0));
        QCOMPARE(m.range.upper, std::sqrt(2.0));
        const RgbImage rgb = render(d, m);
        QCOMPARE(rgbAt(rgb, 0), (std::array<int, 3>{5, 48, 97}));      // −limit: blue
        QCOMPARE(rgbAt(rgb, 1), (std::array<int, 3>{247, 247, 247}));  // 0: white
        QCOMPARE(rgbAt(rgb, 3), (std::array<int, 3>{103, 0, 31}));     // +limit: dark red
        // |Δ| is an intensity in the style's scheme; an all-zero Δ still has a span.
        const ColourMapping abs = differenceMapping(d, DifferenceKind::Absolute, {ScaleKind::Linear, 100});
        QCOMPARE(abs.stops.front().rgb, colourStops(ColorScheme::InvertedGrey).front().rgb);
        QCOMPARE(differenceMapping(Image(2, 2), DifferenceKind::Signed, {}).range.upper, 1.0);
        QVERIFY(!differenceImage(a, Image(2, 2)));  // sizes differ
    }
};

QTEST_GUILESS_MAIN(ColourMapTest)
#include "colour_map_test.moc"
