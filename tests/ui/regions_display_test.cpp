// The comparison's regions part in the app: every render computes it (shells from the rendered
// geometry), and the metrics panel and the composite's caption show the shift, scale, failing
// tiles and the diagnosis line.
#include <QDir>
#include <QLabel>
#include <QSignalSpy>
#include <QtTest>

#include <cmath>

#include <qcustomplot.h>

#include "ComparisonExport.h"
#include "ComparisonView.h"
#include "Controller.h"
#include "ImagePanel.h"
#include "MetricsPanel.h"
#include "RegionsTestSupport.h"
#include "params/Derive.h"
#include "params/FlagParser.h"

using namespace bragg;
using namespace bragg::ui;

namespace {

QString labelContaining(const QWidget& widget, const QString& needle) {
    for (const QLabel* label : widget.findChildren<QLabel*>())
        if (label->text().contains(needle)) return label->text();
    return {};
}

}  // namespace

class RegionsDisplayTest : public QObject {
    Q_OBJECT
private slots:
    // Both engines agree: regions computed, shells from the geometry, nothing to diagnose.
    void everyRenderHasRegions() {
        Controller controller;
        controller.setDebounceInterval(5);
        QSignalSpy results(&controller, &Controller::resultReady);
        controller.setParams(parseNanoBraggFlags(testsupport::kSmallDetectorFlags).params);
        QVERIFY(results.wait(30000));
        const RenderResultPtr r = results.at(0).at(0).value<RenderResultPtr>();
        QVERIFY(r->comparison && r->comparison->regions);
        const RegionReport& regions = *r->comparison->regions;
        QCOMPARE(regions.tiles.size(), std::size_t(64));
        QCOMPARE(regions.shells.size(), std::size_t(10));
        QVERIFY(regions.shellsSkipped.empty());
        QCOMPARE(regions.diagnosis.kind, DiagnosisKind::None);
        MetricsPanel panel;
        panel.showResult(*r);
        QVERIFY(!labelContaining(panel, QStringLiteral("no shift above 0.05 px")).isEmpty());
        QVERIFY(!labelContaining(panel, QStringLiteral("tiles: 0 of 64 fail")).isEmpty());
        QVERIFY(labelContaining(panel, QStringLiteral("diagnosis:")).isEmpty());
    }

    // A candidate half a pixel along fast: the panel and the composite's caption give the shift
    // and the diagnosis line.
    void shiftShownInPanelAndCaption() {
        const RenderResultPtr r = testsupport::regionsResult(testsupport::spots(0), testsupport::spots(0.5));
        MetricsPanel panel;
        panel.showResult(*r);
        const QString shown =
            labelContaining(panel, QStringLiteral("diagnosis: candidate is shifted by (+0.50, +0.00) px"));
        QVERIFY2(!shown.isEmpty(), qPrintable(panel.summaryText()));
        QVERIFY(shown.contains(QStringLiteral("shift (0.50, 0.00) px; correlation ")));
        ComparisonView view;
        view.showResult(r);
        const QString caption = ComparisonExport(view, r).caption();
        QVERIFY2(caption.contains(QStringLiteral("check the beam centre and pix0")), qPrintable(caption));
    }

    // One tile of the 8 × 8 grid 1.5 times brighter in the candidate: the Difference panel
    // outlines that tile alone (fast 24–35, slow 36–47 of 96²), coloured for its Pearson; the
    // other panels have no tiles. The screenshot is kept as an artifact.
    void failingTileOutlinedOnDifference() {
        const auto reference = testsupport::spots(0);
        const RenderResultPtr r = testsupport::regionsResult(reference, testsupport::brightTile(*reference));
        ComparisonView view;
        view.resize(1200, 450);
        view.show();
        view.showResult(r);
        QCoreApplication::processEvents();
        const QList<QCPItemRect*> outlined =
            view.panel(2)->findChildren<QCPItemRect*>(QStringLiteral("failingTile"));
        QCOMPARE(outlined.size(), 1);
        QCOMPARE(outlined.front()->topLeft->coords(), QPointF(23.5, 35.5));
        QCOMPARE(outlined.front()->bottomRight->coords(), QPointF(35.5, 47.5));
        const TileMetrics& tile = r->comparison->regions->tiles[3 * 8 + 2];  // row 3, column 2
        QCOMPARE(tile.fastBegin, 24);
        QCOMPARE(outlined.front()->pen().color(), tileColour(tile.metrics.pearson, 0.9999));
        for (int p : {0, 1})
            QVERIFY(view.panel(p)->findChildren<QCPItemRect*>(QStringLiteral("failingTile")).isEmpty());
        // The colour runs from orange at the threshold to dark red at 0.9 and below.
        QCOMPARE(tileColour(0.9999, 0.9999), QColor::fromRgbF(1.0, 0.6, 0.0));
        QCOMPARE(tileColour(0.5, 0.9999), QColor::fromRgbF(0.55, 0.0, 0.0));
        const QString dir = qEnvironmentVariable("BRAGG_ARTIFACT_DIR", QDir::currentPath());
        QDir().mkpath(dir);
        QVERIFY(view.grab().toImage().save(QDir(dir).filePath("regions-difference.png")));
    }
};

QTEST_MAIN(RegionsDisplayTest)
#include "regions_display_test.moc"
