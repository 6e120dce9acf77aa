// The views that show where two images part (issue 16, app): the regions overlay on the
// Difference panel (tiles and shells coloured by Pearson, a click zooms to a tile, an on/off
// switch that sessions keep), blink and swipe in the Candidate panel on one colour range, the
// radial profile and the Δ histogram over the current ROI, and the composite export with the
// overlay and the diagnosis line. Each view's screenshot is written to BRAGG_ARTIFACT_DIR.
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QDir>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

#include <qcustomplot.h>

#include "ComparisonExport.h"
#include "ComparisonView.h"
#include "DeltaHistogramPlot.h"
#include "ImagePanel.h"
#include "MainWindow.h"
#include "MetricsPanel.h"
#include "PixelProbe.h"
#include "RadialProfilePlot.h"
#include "RegionsTestSupport.h"
#include "Session.h"
#include "UiTestSupport.h"
#include "compare/DSpacingMap.h"
#include "params/Derive.h"
#include "params/FlagParser.h"

using namespace bragg;
using namespace bragg::ui;

namespace {

// The bright tile (row 3, column 2) or the whole candidate shifted by half a pixel.
RenderResultPtr result(bool shifted) {
    const auto reference = testsupport::spots(0, 0.2);
    return testsupport::regionsResult(
        reference, shifted ? testsupport::spots(0.5, 0.2) : testsupport::brightTile(*reference));
}

QCustomPlot* plotOf(QWidget* w) { return w->findChild<QCustomPlot*>(); }

QPoint screenAt(QCustomPlot* plot, double fast, double slow) {
    return QPoint(int(std::lround(plot->xAxis->coordToPixel(fast))),
                  int(std::lround(plot->yAxis->coordToPixel(slow))));
}

QCPRange colourRange(ImagePanel* panel) {
    return static_cast<QCPColorMap*>(plotOf(panel)->plottable(0))->dataRange();
}

void saveArtifact(QWidget& widget, const QString& name) {
    const QString dir = qEnvironmentVariable("BRAGG_ARTIFACT_DIR", QDir::currentPath());
    QDir().mkpath(dir);
    QVERIFY(widget.grab().save(QDir(dir).filePath(name)));
}

// Shows the view at a size where the plots are laid out, so screen ↔ pixel conversions hold.
void showView(ComparisonView& view, const RenderResultPtr& r) {
    view.resize(1200, 450);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.showResult(r);
    QCoreApplication::processEvents();
    for (int i = 0; i < kPanelCount; ++i) plotOf(view.panel(i))->replot();
}

}  // namespace

class RegionsViewsTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { testsupport::isolateUiTest(settingsHome_.path()); }

    // Every tile tinted (63 passing in green, the bright one failing); the 10 shells' outer edges
    // as rings traced at their d (a ring point's pixel has that d within 3 %), in the shell's
    // colour. A click on a tile zooms all panels to its pixel rectangle; a second click there pins.
    void tileClickZoomsToTile() {
        const RenderResultPtr r = result(false);
        ComparisonView view;
        showView(view, r);
        ImagePanel* difference = view.panel(kDifferencePanel);
        QCOMPARE(difference->findChildren<QCPItemRect*>(QStringLiteral("regionTile")).size(), 63);
        QCOMPARE(difference->findChildren<QCPItemRect*>(QStringLiteral("failingTile")).size(), 1);
        const RegionReport& regions = *r->comparison->regions;
        QCOMPARE(difference->findChildren<QCPItemRect*>(QStringLiteral("regionTile"))
                     .front()
                     ->brush()
                     .color()
                     .rgb(),
                 regionColour(1.0, 0.9999).rgb());
        const QList<QCPCurve*> rings = difference->findChildren<QCPCurve*>(QStringLiteral("shellRing"));
        QVERIFY(!rings.isEmpty());
        const ShellMetrics& outer = regions.shells.back();
        QCPCurve* outerRing = rings.back();
        QCOMPARE(outerRing->pen().color(), regionColour(outer.metrics.pearson, 0.9999));
        bool checked = false;
        for (auto it = outerRing->data()->begin(); it != outerRing->data()->end() && !checked; ++it) {
            const int f = int(std::lround(it->key)), s = int(std::lround(it->value));
            if (f < 0 || s < 0 || f >= 96 || s >= 96) continue;
            const auto report = probePixel(*r->experiment, nullptr, nullptr, f, s);
            QVERIFY2(std::fabs(report->dSpacingA / outer.dMinA - 1) < 0.03,
                     qPrintable(QStringLiteral("%1 vs %2").arg(report->dSpacingA).arg(outer.dMinA)));
            checked = true;
        }
        QVERIFY(checked);
        saveArtifact(view, QStringLiteral("regions-overlay.png"));

        QSignalSpy pinned(&view, &ComparisonView::pixelClicked);
        QCustomPlot* plot = plotOf(difference);
        QTest::mouseClick(plot, Qt::LeftButton, {}, screenAt(plot, 30, 40));
        QCOMPARE(pinned.size(), 0);  // zoomed, not pinned
        const QRectF tile(23.5, 35.5, 12, 12);
        for (int i = 0; i < kPanelCount; ++i) {
            const QRectF v = view.panel(i)->view();
            QVERIFY2(
                v.contains(tile.adjusted(0.01, 0.01, -0.01, -0.01)),
                qPrintable(
                    QStringLiteral("%1 %2 %3 %4").arg(v.left()).arg(v.top()).arg(v.width()).arg(v.height())));
            QVERIFY(std::fabs(std::min(v.width(), v.height()) - 12) < 1e-6);  // the tile fills one axis
        }
        const std::optional<Roi> roi = view.currentRoi();
        QVERIFY(roi && roi->xmin <= 24 && roi->xmax >= 35 && roi->ymin <= 36 && roi->ymax >= 47);
        plot->replot();
        QTest::mouseClick(plot, Qt::LeftButton, {}, screenAt(plot, 30, 40));
        QCOMPARE(pinned.size(), 1);
        QCOMPARE(pinned.front().at(0).toInt(), 30);
        QCOMPARE(pinned.front().at(1).toInt(), 40);
    }

    // The switch: off, nothing of the overlay is drawn and a click pins; sessions save and
    // restore it (and the blink interval); a session without the key keeps the default (on).
    void overlaySwitchSavedBySession() {
        const RenderResultPtr r = result(false);
        ComparisonView view;
        showView(view, r);
        auto* box = view.findChild<QCheckBox*>(QStringLiteral("showRegions"));
        QVERIFY(box && box->isChecked());
        box->setChecked(false);
        QVERIFY(!view.options().showRegions);
        ImagePanel* difference = view.panel(kDifferencePanel);
        for (const char* name : {"regionTile", "failingTile"})
            QVERIFY(difference->findChildren<QCPItemRect*>(QString::fromLatin1(name)).isEmpty());
        QVERIFY(difference->findChildren<QCPCurve*>(QStringLiteral("shellRing")).isEmpty());
        QSignalSpy pinned(&view, &ComparisonView::pixelClicked);
        QTest::mouseClick(plotOf(difference), Qt::LeftButton, {}, screenAt(plotOf(difference), 30, 40));
        QCOMPARE(pinned.size(), 1);

        QTemporaryDir dir;
        Session session;
        session.params = r->params;
        session.display = view.options();
        session.display.blinkIntervalMs = 120;
        const QString path = dir.filePath(QStringLiteral("s.json"));
        saveSession(path, session);
        const Session loaded = loadSession(path);
        QVERIFY(!loaded.display.showRegions);
        QCOMPARE(loaded.display.blinkIntervalMs, 120);
        QVERIFY(loaded.display == session.display);
        ComparisonView restored;
        restored.setOptions(loaded.display);
        QVERIFY(!restored.findChild<QCheckBox*>(QStringLiteral("showRegions"))->isChecked());
        QVERIFY(!restored.options().showRegions);

        QByteArray old = sessionToJson(session);
        old.replace("\"regions\": false", "\"unrelated\": false");
        QVERIFY(sessionFromJson(old).display.showRegions);
    }

    // Key B starts blinking in the Candidate panel: Reference and Candidate alternate every 40 ms
    // on the colour range of both (the linked Reference panel's range); B again stops it.
    void blinkAlternatesAtRate() {
        const RenderResultPtr r = result(false);
        ComparisonView view;
        DisplayOptions o = view.options();
        o.blinkIntervalMs = 40;
        view.setOptions(o);
        showView(view, r);
        view.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&view));
        QSignalSpy toggled(&view, &ComparisonView::blinkToggled);
        QElapsedTimer clock;
        clock.start();
        QTest::keyClick(&view, Qt::Key_B);
        QCOMPARE(view.mode(), CompareMode::Blink);
        ImagePanel* panel = view.panel(kCandidatePanel);
        QCOMPARE(panel->image(), r->reference);  // starts on the reference
        QVERIFY(toggled.wait(1000));
        QTest::qWait(400);
        const qint64 elapsedMs = clock.elapsed();
        const qsizetype n = toggled.size();
        // 40 ms per image: about elapsed/40 toggles (timers may run late on a loaded machine).
        QVERIFY2(n >= 4 && n <= elapsedMs / 40 + 1,
                 qPrintable(QStringLiteral("%1 in %2 ms").arg(n).arg(elapsedMs)));
        for (qsizetype i = 0; i < n; ++i) QCOMPARE(toggled.at(i).at(0).toBool(), i % 2 == 0);
        QCOMPARE(panel->image(), view.blinkShowsCandidate() ? r->candidate : r->reference);
        QCOMPARE(colourRange(panel), colourRange(view.panel(kReferencePanel)));
        saveArtifact(view, QStringLiteral("blink.png"));
        QTest::keyClick(&view, Qt::Key_B);
        QCOMPARE(view.mode(), CompareMode::SideBySide);
        QCOMPARE(panel->image(), r->candidate);
        const qsizetype stopped = toggled.size();
        QTest::qWait(120);
        QCOMPARE(toggled.size(), stopped);
    }

    // Swipe: dragging the divider to fast 30.3 puts Reference in columns 0–30 and Candidate from
    // column 31 (the first pixel whose centre is past the divider), on both images' range.
    void swipeDividerMapsToColumn() {
        const RenderResultPtr r = result(true);
        ComparisonView view;
        showView(view, r);
        view.setMode(CompareMode::Swipe);
        ImagePanel* panel = view.panel(kCandidatePanel);
        QCustomPlot* plot = plotOf(panel);
        plot->replot();
        QCOMPARE(view.swipeDivider(), 47.5);
        QCOMPARE(panel->findChildren<QCPItemStraightLine*>(QStringLiteral("swipeDivider")).size(), 1);
        const QRectF before = panel->view();
        const QPoint grab = screenAt(plot, 47.5, 50), drop = screenAt(plot, 30.3, 50);
        QTest::mousePress(plot, Qt::LeftButton, {}, grab);
        QMouseEvent move(QEvent::MouseMove, drop, plot->mapToGlobal(drop), Qt::NoButton, Qt::LeftButton,
                         Qt::NoModifier);
        QApplication::sendEvent(plot, &move);
        QTest::mouseRelease(plot, Qt::LeftButton, {}, drop);
        QCOMPARE(panel->view(), before);  // the divider moved, not the view
        const double divider = view.swipeDivider();
        QCOMPARE(divider, plot->xAxis->pixelToCoord(drop.x()));
        QVERIFY(std::fabs(divider - 30.3) < 0.5);
        const int first = int(std::ceil(divider));
        QCOMPARE(display::swipeFirstRightColumn(divider, 96), first);
        const Image& shown = *panel->image();
        int changesAt = -1;
        for (int f = 0; f < 96 && changesAt < 0; ++f)
            if (shown.at(f, 6) != r->reference->at(f, 6)) changesAt = f;
        QCOMPARE(changesAt, first);
        for (int s : {0, 6, 50})
            for (int f = 0; f < 96; ++f)
                QCOMPARE(shown.at(f, s), (f < first ? r->reference : r->candidate)->at(f, s));
        QCOMPARE(colourRange(panel), colourRange(view.panel(kReferencePanel)));
        saveArtifact(view, QStringLiteral("swipe.png"));
    }

    // The plots show the helpers' values over the zoomed tile: the radial profile against 2θ and
    // d, and the signed and relative Δ histograms.
    void plotsShowHelperValues() {
        const RenderResultPtr r = result(false);
        ComparisonView view;
        showView(view, r);
        // Zoomed to the bright tile, the view's ROI holds it (and what the widened axis adds); the
        // plots below take the tile itself.
        view.panel(kDifferencePanel)->zoomTo(QRectF(23.5, 35.5, 12, 12));
        const std::optional<Roi> shown = view.currentRoi();
        QVERIFY(shown && shown->xmin <= 24 && shown->xmax >= 35 && shown->ymin <= 36 && shown->ymax >= 47);
        const std::optional<Roi> roi = Roi{24, 35, 36, 47};

        RadialProfilePlot profile;
        profile.resize(700, 350);
        profile.showResult(r, roi);
        const std::size_t pixels =
            std::size_t(roi->xmax - roi->xmin + 1) * std::size_t(roi->ymax - roi->ymin + 1);
        const std::vector<RadialBin> expected =
            radialProfile(*r->reference, *r->candidate, dSpacingMapA(*r->experiment),
                          r->experiment->beam.lambda0 * 1e10, RadialProfilePlot::binsFor(pixels), roi);
        QCOMPARE(profile.profile().size(), expected.size());
        const auto graphMatches = [&](bool dSpacing) {
            std::size_t points = 0;
            for (const RadialBin& b : expected) {
                if (b.pixels == 0) continue;
                const double key = dSpacing ? b.dSpacingA : b.twoThetaDeg;
                for (int g = 0; g < 3; ++g) {
                    auto it = profile.plot()->graph(g)->data()->findBegin(key, false);
                    if (it == profile.plot()->graph(g)->data()->end() || it->key != key) return false;
                    const double value = g == 0 ? b.meanReference : g == 1 ? b.meanCandidate : b.ratio;
                    if (it->value != value) return false;
                }
                ++points;
            }
            return points > 3 && std::size_t(profile.plot()->graph(0)->dataCount()) == points;
        };
        QVERIFY(graphMatches(false));
        profile.setAxis(RadialProfilePlot::Axis::DSpacing);
        QVERIFY(graphMatches(true));
        profile.setAxis(RadialProfilePlot::Axis::TwoTheta);
        // The bright tile: the candidate is 1.5 times the reference in every bin.
        for (const RadialBin& b : profile.profile())
            if (b.pixels > 0) QVERIFY(std::fabs(b.ratio - 1.5) < 1e-5);
        // The screenshot: the whole image of a candidate 1 + 0.2·(r/48 px)² times the reference, a
        // ratio that grows with angle (as a solid-angle or polarization term would).
        auto radial = std::make_shared<RenderResult>(*r);
        auto scaled = std::make_shared<Image>(*r->reference);
        for (int s = 0; s < 96; ++s)
            for (int f = 0; f < 96; ++f)
                scaled->at(f, s) *=
                    float(1 + 0.2 * ((f - 47.5) * (f - 47.5) + (s - 47.5) * (s - 47.5)) / (48.0 * 48.0));
        radial->candidate = scaled;
        profile.showResult(radial, std::nullopt);
        const std::vector<RadialBin>& whole = profile.profile();
        QCOMPARE(int(whole.size()), RadialProfilePlot::binsFor(96 * 96));
        QVERIFY(whole.front().ratio < 1.01 && whole.back().ratio > 1.3);
        profile.show();
        QVERIFY(QTest::qWaitForWindowExposed(&profile));
        saveArtifact(profile, QStringLiteral("radial-profile.png"));

        DeltaHistogramPlot histogram;
        histogram.resize(700, 350);
        for (const bool relative : {true, false}) {
            histogram.setRelative(relative);
            histogram.showResult(r, roi);
            const auto delta = differenceImage(*r->reference, *r->candidate,
                                               relative ? DifferenceKind::Relative : DifferenceKind::Signed);
            const Histogram h = bragg::histogram(*delta, DeltaHistogramPlot::kBins, roi);
            QCOMPARE(histogram.histogram().counts, h.counts);
            QCOMPARE(histogram.histogram().lower, h.lower);
            auto* bars = static_cast<QCPBars*>(histogram.plot()->plottable(0));
            QCOMPARE(bars->dataCount(), DeltaHistogramPlot::kBins);
            for (int b = 0; b < DeltaHistogramPlot::kBins; ++b) {
                QCOMPARE((bars->data()->begin() + b)->key, h.binCentre(std::size_t(b)));
                QCOMPARE((bars->data()->begin() + b)->value, double(h.counts[std::size_t(b)]));
            }
            if (relative)  // every pixel of the tile is 0.5 above its reference
                QVERIFY(std::fabs(h.lower - 0.5) < 1e-5 && std::fabs(h.upper - 0.5) < 1e-5);
        }
        histogram.show();
        QVERIFY(QTest::qWaitForWindowExposed(&histogram));
        saveArtifact(histogram, QStringLiteral("delta-histogram.png"));
    }

    // In the window the plots follow the view: the whole image after a render, the zoomed region
    // once the view settles.
    void windowPlotsFollowTheView() {
        MainWindow window;
        window.resize(1400, 900);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QSignalSpy shown(&window, &MainWindow::resultShown);
        Session session = window.currentSession();
        session.params = parseNanoBraggFlags(testsupport::kSmallDetectorFlags).params;
        window.applySession(session);
        QVERIFY(shown.wait(30000));
        const RenderResultPtr r = window.view().shown();
        const auto delta = differenceImage(*r->reference, *r->candidate, DifferenceKind::Signed);
        QCOMPARE(window.deltaHistogram().histogram().counts,
                 bragg::histogram(*delta, DeltaHistogramPlot::kBins, std::nullopt).counts);
        QCOMPARE(int(window.radialProfile().profile().size()), RadialProfilePlot::binsFor(96 * 96));
        window.view().panel(kDifferencePanel)->zoomTo(QRectF(23.5, 35.5, 12, 12));
        QTest::qWait(400);  // the layout settles, then the plots' 150 ms delay
        const std::optional<Roi> roi = window.view().currentRoi();
        QVERIFY(roi && roi->xmin <= 24 && roi->xmax >= 35 && roi->ymax - roi->ymin < 95);
        const std::size_t pixels =
            std::size_t(roi->xmax - roi->xmin + 1) * std::size_t(roi->ymax - roi->ymin + 1);
        QCOMPARE(int(window.radialProfile().profile().size()), RadialProfilePlot::binsFor(pixels));
        QCOMPARE(window.deltaHistogram().histogram().counts,
                 bragg::histogram(*delta, DeltaHistogramPlot::kBins, roi).counts);
    }

    // Half a pixel along fast: the composite carries the diagnosis line in its caption and the
    // overlay on its Difference panel (the overlay off changes that panel, not the others); the
    // metrics panel shows the diagnosis.
    void exportHasOverlayAndDiagnosis() {
        const RenderResultPtr r = result(true);
        ComparisonView view;
        showView(view, r);
        const ComparisonExport exporter(view, r);
        QVERIFY2(exporter.caption().contains(
                     QStringLiteral("diagnosis: candidate is shifted by (+0.50, +0.00) px")),
                 qPrintable(exporter.caption()));
        const QImage with = exporter.composite(300);
        DisplayOptions o = view.options();
        o.showRegions = false;
        view.setOptions(o);
        const QImage without = exporter.composite(300);
        QCOMPARE(with.size(), without.size());
        const auto differs = [&](int panel) {
            const int x0 = 12 + panel * (300 + 12);
            for (int y = 12; y < 312; ++y)
                for (int x = x0; x < x0 + 300; ++x)
                    if (with.pixel(x, y) != without.pixel(x, y)) return true;
            return false;
        };
        QVERIFY(!differs(0));
        QVERIFY(differs(2));
        const QString dir = qEnvironmentVariable("BRAGG_ARTIFACT_DIR", QDir::currentPath());
        QVERIFY(with.save(QDir(dir).filePath(QStringLiteral("composite-regions.png"))));

        MetricsPanel metrics;
        metrics.resize(420, 520);
        metrics.showResult(*r);
        metrics.show();
        QVERIFY(QTest::qWaitForWindowExposed(&metrics));
        QVERIFY(metrics.summaryText().contains(QStringLiteral("check the beam centre and pix0")));
        saveArtifact(metrics, QStringLiteral("metrics-diagnosis.png"));
    }

private:
    QTemporaryDir settingsHome_;
};

QTEST_MAIN(RegionsViewsTest)
#include "regions_views_test.moc"
