// One display module: the same images with the same colour settings get the same colours in the
// CLI's PNGs (`bragg compare`), in the app's panels and in display::render, for every scheme and
// scale, the difference included.
#include <QImage>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <limits>
#include <memory>

#include "ImagePanel.h"
#include "ImageStyle.h"
#include "TestSupport.h"
#include "display/ColourMap.h"
#include "io/RawFloat.h"

using namespace bragg;
using namespace bragg::ui;

namespace {

constexpr int kFast = 24, kSlow = 16;

// A smooth ramp with a few bright "spots", one NaN and one +inf: every part of a colour map is used.
std::shared_ptr<const Image> testImage(double scale) {
    auto img = std::make_shared<Image>(kFast, kSlow);
    for (int s = 0; s < kSlow; ++s)
        for (int f = 0; f < kFast; ++f)
            img->at(f, s) = float(scale * (1 + f + 3 * s + (f % 7 == 3 ? 400 : 0)));
    img->at(2, 2) = std::numeric_limits<float>::quiet_NaN();
    img->at(5, 9) = std::numeric_limits<float>::infinity();
    return img;
}

int channelGap(QRgb a, const display::Rgb& b) {
    return std::max({std::abs(qRed(a) - b[0]), std::abs(qGreen(a) - b[1]), std::abs(qBlue(a) - b[2])});
}

// Largest channel difference between a PNG written by the CLI and display::render of `image`.
int pngGap(const QString& path, const Image& image, const display::ColourMapping& m) {
    const QImage png(path);
    if (png.width() != image.fpixels || png.height() != image.spixels) return 999;
    int worst = 0;
    for (int s = 0; s < image.spixels; ++s)
        for (int f = 0; f < image.fpixels; ++f)
            worst = std::max(worst, channelGap(png.pixel(f, s), display::colourOf(image.at(f, s), m)));
    return worst;
}

// Largest channel difference between a panel's on-screen colours and display::colourOf.
int panelGap(const ImagePanel& panel, const Image& shown, const display::ColourMapping& m) {
    int worst = 0;
    for (int s = 0; s < shown.spixels; ++s)
        for (int f = 0; f < shown.fpixels; ++f)
            worst = std::max(worst,
                             channelGap(panel.shownColour(f, s).rgb(), display::colourOf(shown.at(f, s), m)));
    return worst;
}

}  // namespace

class SameColoursTest : public QObject {
    Q_OBJECT
private slots:
    void cliPanelsAndRenderAgree_data() {
        QTest::addColumn<int>("scale");
        QTest::addColumn<int>("scheme");
        QTest::addColumn<QString>("scaleName");
        QTest::addColumn<QString>("schemeName");
        QTest::newRow("sqrt inverted-grey (defaults)") << 1 << 1 << "sqrt"
                                                       << "inverted-grey";
        QTest::newRow("log heat") << 2 << 2 << "log"
                                  << "heat";
        QTest::newRow("lin viridis") << 0 << 3 << "lin"
                                     << "viridis";
        QTest::newRow("log grey") << 2 << 0 << "log"
                                  << "grey";
    }

    void cliPanelsAndRenderAgree() {
        QFETCH(int, scale);
        QFETCH(int, scheme);
        QFETCH(QString, scaleName);
        QFETCH(QString, schemeName);
        const display::ColourStyle style{display::ScaleKind(scale), 99.0, display::ColorScheme(scheme)};
        const auto reference = testImage(1.0), candidate = testImage(1.1);
        const Image diff = *display::differenceImage(*reference, *candidate);
        const display::ColourMapping linked =
            display::intensityMapping({reference.get(), candidate.get()}, style);
        const display::ColourMapping delta =
            display::differenceMapping(diff, display::DifferenceKind::Signed, style);

        // The CLI's PNGs: equal to display::render to the last bit.
        QTemporaryDir dir;
        io::writeFloatImage(dir.filePath("a.f32").toStdString(), *reference);
        io::writeFloatImage(dir.filePath("b.f32").toStdString(), *candidate);
        const auto run =
            testsupport::runBragg({"compare", "a.f32", "b.f32", "--size", QString::number(kFast),
                                   QString::number(kSlow), "--outdir", "out", "--scale", scaleName,
                                   "--scheme", schemeName, "--clip", "99", "--diff-clip", "99", "--quiet"},
                                  dir.path());
        QVERIFY2(run.exitCode == 0 || run.exitCode == 3, qPrintable(run.err));  // 3: the images differ
        QCOMPARE(pngGap(dir.filePath("out/reference.png"), *reference, linked), 0);
        QCOMPARE(pngGap(dir.filePath("out/candidate.png"), *candidate, linked), 0);
        QCOMPARE(pngGap(dir.filePath("out/diff.png"), diff, delta), 0);

        // The app's panels with the same settings: the same colours, but for QCustomPlot's
        // quantisation of a gradient into 1024 levels of integer channels (up to 2 units of 255
        // where a scheme changes fastest; measured).
        const PanelScale panelScale{style, false};
        ImagePanel refPanel(QStringLiteral("Reference"), ImagePanel::Content::Intensity);
        refPanel.setScale(panelScale);
        refPanel.setImage(reference, candidate);
        QCOMPARE(refPanel.mapping().range.upper, linked.range.upper);
        QVERIFY(panelGap(refPanel, *reference, linked) <= 2);
        ImagePanel diffPanel(QStringLiteral("Difference"), ImagePanel::Content::Difference);
        diffPanel.setScale(panelScale);
        diffPanel.setDifference(reference, candidate);
        QVERIFY(panelGap(diffPanel, diff, delta) <= 2);
    }
};

QTEST_MAIN(SameColoursTest)
#include "same_colours_test.moc"
