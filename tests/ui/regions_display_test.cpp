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
#include "params/Derive.h"
#include "params/FlagParser.h"

using namespace bragg;
using namespace bragg::ui;

namespace {

const std::vector<std::string> kFlags = {"-cell", "70",         "80",  "90",        "75", "85",
                                         "95",    "-default_F", "100", "-N",        "5",  "-detpixels",
                                         "96",    "-pixel",     "0.4", "-distance", "80"};

// Gaussian spots (σ = 1.5 px) every 12 px of a 96² image, moved by shiftFastPx.
std::shared_ptr<Image> spots(double shiftFastPx) {
    auto img = std::make_shared<Image>(96, 96);
    for (int cs = 6; cs < 96; cs += 12)
        for (int cf = 6; cf < 96; cf += 12)
            for (int s = 0; s < 96; ++s)
                for (int f = 0; f < 96; ++f) {
                    const double r2 = (f - cf - shiftFastPx) * (f - cf - shiftFastPx) + (s - cs) * (s - cs);
                    img->at(f, s) += float(std::exp(-r2 / 4.5));
                }
    return img;
}

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
        controller.setParams(parseNanoBraggFlags(kFlags).params);
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
        auto r = std::make_shared<RenderResult>();
        r->params = parseNanoBraggFlags(kFlags).params;
        r->experiment = std::make_shared<const Experiment>(deriveExperiment(r->params, 0));
        r->reference = spots(0);
        r->candidate = spots(0.5);
        r->comparison = compareImages(*r->reference, *r->candidate, Thresholds{});
        addRegions(*r->comparison, *r->reference, *r->candidate, RegionOptions{});
        r->complete = true;
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
        auto r = std::make_shared<RenderResult>();
        r->params = parseNanoBraggFlags(kFlags).params;
        r->experiment = std::make_shared<const Experiment>(deriveExperiment(r->params, 0));
        r->reference = spots(0);
        auto candidate = std::make_shared<Image>(*r->reference);
        for (int s = 36; s < 48; ++s)
            for (int f = 24; f < 36; ++f) candidate->at(f, s) *= 1.5f;
        r->candidate = candidate;
        r->comparison = compareImages(*r->reference, *r->candidate, Thresholds{});
        addRegions(*r->comparison, *r->reference, *r->candidate, RegionOptions{});
        r->complete = true;
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
