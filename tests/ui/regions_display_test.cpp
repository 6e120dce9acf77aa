// The comparison's regions part in the app: every render computes it (shells from the rendered
// geometry), and the metrics panel and the composite's caption show the shift, scale, failing
// tiles and the diagnosis line.
#include <QLabel>
#include <QSignalSpy>
#include <QtTest>

#include <cmath>

#include "ComparisonExport.h"
#include "ComparisonView.h"
#include "Controller.h"
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
};

QTEST_MAIN(RegionsDisplayTest)
#include "regions_display_test.moc"
