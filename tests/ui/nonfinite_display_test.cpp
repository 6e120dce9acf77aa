// Non-finite pixels in the app (issue 24): colour ranges, percentiles and difference images count
// the finite pixels only; every panel draws NaN / ±inf in nonFiniteColour() with a legend; the
// metrics panel, the pixel inspector and the composite export report them.
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QtTest>

#include <cmath>
#include <limits>

#include <qcustomplot.h>

#include "ComparisonExport.h"
#include "ComparisonView.h"
#include "ImageStyle.h"
#include "ImagePanel.h"
#include "MetricsPanel.h"
#include "PixelInspector.h"
#include "UiTestSupport.h"
#include "display/ColourMap.h"
#include "display/DisplayTestSupport.h"
#include "params/Derive.h"
#include "params/FlagParser.h"

using namespace bragg;
using namespace bragg::ui;

namespace {

constexpr float kNan = std::numeric_limits<float>::quiet_NaN();
constexpr float kInf = std::numeric_limits<float>::infinity();

using displaytest::image;

// 10×10 image whose pixel i (slow-major) holds first + i.
std::shared_ptr<Image> ramp(float first) {
    auto img = std::make_shared<Image>(10, 10);
    for (std::size_t i = 0; i < img->pixels.size(); ++i) img->pixels[i] = first + float(i);
    return img;
}

// Reference 1..100 with +inf at (5, 5) and −inf at (2, 7); candidate 101..200 with the same two
// and a NaN at (3, 2) where the reference is finite.
RenderResultPtr nonFiniteResult(bool withNonFinite = true) {
    auto reference = ramp(1), candidate = ramp(101);
    if (withNonFinite) {
        reference->at(5, 5) = candidate->at(5, 5) = kInf;
        reference->at(2, 7) = candidate->at(2, 7) = -kInf;
        candidate->at(3, 2) = kNan;
    }
    auto r = std::make_shared<RenderResult>();
    const std::vector<std::string> flags{"-cell", "60",         "70",  "80",        "90", "95",
                                         "90",    "-default_F", "50",  "-N",        "4",  "-detpixels",
                                         "10",    "-pixel",     "0.5", "-distance", "90"};
    r->params = parseNanoBraggFlags(flags).params;
    r->experiment = std::make_shared<const Experiment>(deriveExperiment(r->params, 0));
    r->reference = reference;
    r->candidate = candidate;
    r->comparison = compareImages(*reference, *candidate, Thresholds{});
    r->complete = true;
    return r;
}

bool nearlyEqual(double a, double b) { return std::fabs(a - b) <= 1e-9 * std::max(1.0, std::fabs(b)); }

bool rangeIs(const QCPRange& r, double lower, double upper) {
    return nearlyEqual(r.lower, lower) && nearlyEqual(r.upper, upper);
}

QCPColorMap* colourMap(const ComparisonView& view, int panel) {
    return view.panel(panel)->findChild<QCPColorMap*>();
}

// The colour the panel draws at image pixel (fast, slow), from the plot rendered off screen.
QColor drawnColour(ImagePanel* panel, int fast, int slow) {
    auto* plot = panel->findChild<QCustomPlot*>();
    const QImage rendered = plot->toPixmap(400, 400).toImage();
    const int x = int(std::lround(plot->xAxis->coordToPixel(fast)));
    const int y = int(std::lround(plot->yAxis->coordToPixel(slow)));
    return rendered.pixelColor(x, y);
}

QString labelContaining(const QWidget& widget, const QString& needle) {
    for (const QLabel* label : widget.findChildren<QLabel*>())
        if (label->text().contains(needle)) return label->text();
    return {};
}

const QColor kMagenta(255, 0, 255);

}  // namespace

class NonFiniteDisplayTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QVERIFY(settingsHome_.isValid());
        testsupport::isolateUiTest(settingsHome_.path());
        QCOMPARE(nonFiniteColour(), kMagenta);  // the one constant of display/ColourMap.h
    }

    void rangesIgnoreNonFinite() {
        const Image a = image(5, 1, {kNan, 1, 4, kInf, -kInf}), b = image(3, 1, {9, kInf, 16});
        QCOMPARE(display::percentile(a.pixels, 100), 4.0);
        QCOMPARE(display::percentile(a.pixels, 0), 1.0);
        const ui::DisplayRange linear = intensityRange({&a, &b}, ScaleKind::Linear, 100);
        QCOMPARE(linear.lower, 1.0);
        QCOMPARE(linear.upper, 16.0);
        IntensityTransform t;
        const ui::DisplayRange sqrt = intensityRange({&a, &b}, ScaleKind::Sqrt, 100, &t);
        QCOMPARE(sqrt.lower, 1.0);
        QCOMPARE(sqrt.upper, 4.0);
        const ui::DisplayRange log = intensityRange(b, ScaleKind::Log, 100, &t);
        QCOMPARE(t.logFloor, 9.0);  // smallest positive finite value
        QVERIFY(nearlyEqual(log.lower, std::log10(9.0)));
        QVERIFY(nearlyEqual(log.upper, std::log10(16.0)));
        const ui::DisplayRange sym =
            symmetricRange(image(4, 1, {-3, 2, kNan, -kInf}), IntensityTransform{}, 100);
        QCOMPARE(sym.lower, -3.0);
        QCOMPARE(sym.upper, 3.0);
        // Nothing finite: still a usable range.
        const ui::DisplayRange none = intensityRange(image(2, 1, {kNan, kInf}), ScaleKind::Linear, 99.5);
        QCOMPARE(none.lower, 0.0);
        QCOMPARE(none.upper, 1.0);
    }

    void differencesAreNonFiniteOnlyWhereAnInputIs() {
        // Relative Δ: the floor comes from the finite max (1000), not from the +inf pixel.
        const Image ref = image(3, 1, {kInf, 1000, 10}), cand = image(3, 1, {kInf, 1001, 20});
        const Image rel = *differenceImage(ref, cand, DifferenceKind::Relative);
        QVERIFY(std::isnan(rel.pixels[0]));
        QCOMPARE(rel.pixels[1], 0.001f);
        QCOMPARE(rel.pixels[2], 1.0f);
        const Image d = *differenceImage(ref, cand, DifferenceKind::Signed);
        QVERIFY(std::isnan(d.pixels[0]));  // +inf − +inf
        QCOMPARE(d.pixels[2], 10.0f);
        // Finite values of opposite sign near the float maximum: saturated, not −inf.
        constexpr float kMax = std::numeric_limits<float>::max();
        const Image big = *differenceImage(image(1, 1, {kMax}), image(1, 1, {-kMax}), DifferenceKind::Signed);
        QCOMPARE(big.pixels[0], -kMax);
        const Image abs = *differenceImage(image(1, 1, {1}), image(1, 1, {-kInf}), DifferenceKind::Absolute);
        QCOMPARE(abs.pixels[0], kInf);
    }

    void panelsDrawNonFinitePixelsInTheirColour() {
        ComparisonView view;
        DisplayOptions o = view.options();
        o.showBeamCentre = o.showRings = false;
        view.setOptions(o);
        view.showResult(nonFiniteResult());

        // Ranges from the finite pixels: pooled 1..200 without the non-finite ones, sqrt, 99.5 %.
        QVERIFY(rangeIs(colourMap(view, 0)->dataRange(), 1, std::sqrt(200.0)));
        QVERIFY(rangeIs(colourMap(view, 1)->dataRange(), 1, std::sqrt(200.0)));
        QVERIFY(rangeIs(colourMap(view, 2)->dataRange(), -10, 10));  // Δ = 100 where finite

        const std::size_t expected[] = {2, 3, 3};  // Δ is NaN at all three (inf − inf too)
        for (int p = 0; p < kPanelCount; ++p) {
            ImagePanel* panel = view.panel(p);
            QCOMPARE(panel->nonFinitePixels(), expected[p]);
            const QCPColorGradient g = colourMap(view, p)->gradient();
            QCOMPARE(g.nanHandling(), QCPColorGradient::nhNanColor);
            QCOMPARE(g.nanColor(), kMagenta);
            auto* legend = panel->findChild<QCPItemText*>(QStringLiteral("nonFiniteLegend"));
            QVERIFY(legend);
            QCOMPARE(legend->text(), QStringLiteral("NaN / ±inf: %1 px").arg(expected[p]));
            QCOMPARE(legend->brush().color(), kMagenta);
            // On screen: the +inf and −inf pixels are magenta, their finite neighbours are not.
            QCOMPARE(drawnColour(panel, 5, 5), kMagenta);
            QCOMPARE(drawnColour(panel, 2, 7), kMagenta);
            QVERIFY(drawnColour(panel, 4, 5) != kMagenta);
            QVERIFY(drawnColour(panel, 0, 0) != kMagenta);
        }
        QCOMPARE(drawnColour(view.panel(kCandidatePanel), 3, 2), kMagenta);   // the NaN
        QCOMPARE(drawnColour(view.panel(kDifferencePanel), 3, 2), kMagenta);  // Δ of the NaN
        QVERIFY(drawnColour(view.panel(kReferencePanel), 3, 2) != kMagenta);  // finite there

        // Log scale: −inf stays non-finite (not the floor colour); |Δ| and relative Δ too.
        o.panels[kReferencePanel].scale = ScaleKind::Log;
        o.difference = DifferenceKind::Relative;
        view.setOptions(o);
        QVERIFY(std::isnan(colourMap(view, 0)->data()->cell(2, 7)));
        QVERIFY(rangeIs(colourMap(view, 0)->dataRange(), 0, std::log10(200.0)));
        QCOMPARE(drawnColour(view.panel(kReferencePanel), 2, 7), kMagenta);
        QCOMPARE(view.panel(kDifferencePanel)->nonFinitePixels(), std::size_t(3));
        QCOMPARE(drawnColour(view.panel(kDifferencePanel), 3, 2), kMagenta);

        // A clean result: no legend, nothing counted.
        view.showResult(nonFiniteResult(false));
        for (int p = 0; p < kPanelCount; ++p) {
            QCOMPARE(view.panel(p)->nonFinitePixels(), std::size_t(0));
            QVERIFY(!view.panel(p)->findChild<QCPItemText*>(QStringLiteral("nonFiniteLegend")));
        }
    }

    void metricsPanelShowsCountsPerSide() {
        const RenderResultPtr r = nonFiniteResult();
        QCOMPARE(r->comparison->verdict, Verdict::Blocked);
        MetricsPanel panel;
        panel.showResult(*r);
        const QString expected = QStringLiteral(
            "non-finite pixels: reference 2 (+inf 1, -inf 1), candidate 3 (NaN 1, +inf 1, -inf 1)\n"
            "2 shared, 1 mismatching; metrics over the 97 pixels finite in both");
        QCOMPARE(nonFiniteText(*r->comparison), expected);
        QVERIFY(labelContaining(panel, expected).startsWith(QStringLiteral("correlation ")));
        QVERIFY(panel.summaryText().endsWith(expected));
        // The mismatch is a failure line naming the pixel.
        QVERIFY(!labelContaining(panel, QStringLiteral("NaN at 1 pixel")).isEmpty());
        QVERIFY(labelContaining(panel, QStringLiteral("NaN at 1 pixel")).contains("fast 3, slow 2"));

        // A click centres the images on the first mismatching pixel.
        QCOMPARE(firstNonFiniteMismatch(r->comparison->nonFinite), (PixelPosition{3, 2}));
        QPushButton* jump = nullptr;
        for (QPushButton* b : panel.findChildren<QPushButton*>())
            if (b->text().contains(QStringLiteral("non-finite mismatch at (3, 2)"))) jump = b;
        QVERIFY(jump);
        QSignalSpy jumps(&panel, &MetricsPanel::jumpRequested);
        jump->click();
        QCOMPARE(jumps.size(), 1);
        QCOMPARE(jumps.at(0).at(0).toInt(), 3);
        QCOMPARE(jumps.at(0).at(1).toInt(), 2);

        panel.showResult(*nonFiniteResult(false));
        QVERIFY(!firstNonFiniteMismatch(nonFiniteResult(false)->comparison->nonFinite));
        QVERIFY(jump->isHidden());
        QVERIFY(!labelContaining(panel, QStringLiteral("non-finite pixels: none")).isEmpty());
        QVERIFY(!panel.summaryText().contains(QStringLiteral("non-finite")));  // captions: only when any
    }

    void inspectorPrintsNonFiniteValues() {
        ComparisonView view;
        view.showResult(nonFiniteResult());
        PixelInspector inspector;
        auto row = [&](const QString& name, const QString& value) {
            return inspector.text().contains(QStringLiteral("<td>%1</td><td>%2</td>").arg(name, value));
        };
        inspector.showReport(view.probe(3, 2), false);
        QVERIFY(row("reference", "24"));
        QVERIFY(row("candidate", "NaN"));
        QVERIFY(row("Δ", "— (reference finite, candidate NaN: mismatch)"));
        QVERIFY(row("relative Δ", "—"));
        inspector.showReport(view.probe(5, 5), false);
        QVERIFY(row("reference", "+inf"));
        QVERIFY(row("candidate", "+inf"));
        QVERIFY(row("Δ", "— (+inf in both: agree)"));
        inspector.showReport(view.probe(2, 7), false);
        QVERIFY(row("reference", "-inf"));
        QVERIFY(row("Δ", "— (-inf in both: agree)"));
        inspector.showReport(view.probe(1, 0), false);  // finite: numbers as before
        QVERIFY(row("reference", "2"));
        QVERIFY(row("candidate", "102"));
        QVERIFY(row("Δ", "100"));
        QVERIFY(row("relative Δ", "50"));
        QVERIFY(!inspector.text().contains(QStringLiteral("nan"), Qt::CaseSensitive));
    }

    void compositeExportShowsColourAndCounts() {
        ComparisonView view;
        view.resize(1200, 500);
        const RenderResultPtr r = nonFiniteResult();
        view.showResult(r);
        const ComparisonExport exporter(view, r);
        QVERIFY(exporter.caption().contains(QStringLiteral(
            "non-finite pixels: reference 2 (+inf 1, -inf 1), candidate 3 (NaN 1, +inf 1, -inf 1)")));
        const int size = 300, margin = 12;
        const QImage composite = exporter.composite(size);
        for (int p = 0; p < kPanelCount; ++p) {
            int magenta = 0;
            for (int y = margin; y < margin + size; ++y)
                for (int x = margin + p * (size + margin); x < (p + 1) * (size + margin); ++x)
                    magenta += composite.pixelColor(x, y) == kMagenta ? 1 : 0;
            // At least two image pixels' worth (each over 10×10 screen pixels at this size).
            QVERIFY2(magenta > 200, qPrintable(QStringLiteral("panel %1: %2 magenta").arg(p).arg(magenta)));
        }
    }

private:
    QTemporaryDir settingsHome_;
};

QTEST_MAIN(NonFiniteDisplayTest)
#include "nonfinite_display_test.moc"
