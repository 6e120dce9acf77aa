// The pixel trace panel: two traces side by side with the first divergence highlighted (a
// perturbed engine diverges first at "steps"), filters that narrow the rows exactly as the
// engine's TraceFilter does, the tolerance, trace.json export, a non-engine side that only has its
// pixel value, and a newer trace request superseding an older one.
#include <QComboBox>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

#include <set>

#include "TraceJob.h"
#include "TracePanel.h"
#include "TraceTableModel.h"
#include "params/Derive.h"
#include "params/FlagParser.h"
#include "render/Engine.h"
#include "PerturbedEngine.h"

using namespace bragg;
using namespace bragg::ui;

namespace {

// Several sub-pixels, sources and mosaic domains, so that every filter level has values.
std::shared_ptr<const Experiment> experiment() {
    static const auto e =
        std::make_shared<const Experiment>(deriveExperiment(parseNanoBraggFlags({"-cell", "70",
                                                                                 "80",    "90",
                                                                                 "75",    "85",
                                                                                 "95",    "-lambda",
                                                                                 "1.1",   "-distance",
                                                                                 "80",    "-detpixels",
                                                                                 "48",    "-pixel",
                                                                                 "0.6",   "-default_F",
                                                                                 "100",   "-N",
                                                                                 "5",     "-mosaic",
                                                                                 "1",     "-mosaic_domains",
                                                                                 "3",     "-divergence",
                                                                                 "0.4",   "-divsteps",
                                                                                 "2",     "-oversample",
                                                                                 "2"})
                                                                .params));
    return e;
}

constexpr int kFast = 22, kSlow = 25;

TraceOutcomePtr outcome(const PixelTrace& a, const PixelTrace& b) {
    auto o = std::make_shared<TraceOutcome>();
    o->fast = a.fast, o->slow = a.slow;
    o->reference.label = "reference (nanoBragg-compatible)";
    o->reference.traced = true;
    o->reference.trace = a;
    o->candidate.label = "perturbed";
    o->candidate.traced = true;
    o->candidate.trace = b;
    return o;
}

TraceOutcomePtr perturbedOutcome() {
    const PixelTrace a = makeEngine("reference")->tracePixel(*experiment(), kFast, kSlow);
    PerturbedEngine perturbed(Perturbation::SourceWeights, makeEngine("reference"));
    const PixelTrace b = perturbed.tracePixel(*experiment(), kFast, kSlow);
    return outcome(a, b);
}

QComboBox* combo(TracePanel& panel, const char* name) { return panel.findChild<QComboBox*>(name); }

int expectedRows(const TraceDiff& diff, const TraceFilter& f) {
    int n = 0;
    for (const TraceRow& r : diff.rows) n += f.accepts(r.site) ? 1 : 0;
    return n;
}

}  // namespace

class TracePanelTest : public QObject {
    Q_OBJECT
private slots:
    void firstDivergenceIsHighlighted() {
        TracePanel panel;
        panel.resize(700, 500);
        panel.show();
        QSignalSpy shown(&panel, &TracePanel::traceShown);
        const TraceOutcomePtr o = perturbedOutcome();
        panel.showOutcome(o);
        QCOMPARE(shown.count(), 1);
        const TraceDiff* diff = panel.diff();
        QVERIFY(diff);
        QVERIFY(diff->first());
        QCOMPARE(diff->first()->quantity, std::string("steps"));  // where the perturbation is
        QCOMPARE(panel.model().rowCount(), int(diff->rows.size()));
        QVERIFY(diff->rows.size() > 200);

        const int row = panel.firstDivergenceRow();
        QCOMPARE(panel.model().diffIndex(row), diff->firstDivergence);
        const TraceTableModel& m = panel.model();
        QCOMPARE(m.data(m.index(row, TraceTableModel::Quantity), Qt::DisplayRole).toString(),
                 QString("steps"));
        QVERIFY(m.data(m.index(row, TraceTableModel::Site), Qt::DisplayRole).toString().startsWith("▶"));
        QVERIFY(m.data(m.index(row, TraceTableModel::Site), Qt::FontRole).value<QFont>().bold());
        const QColor firstColour = m.data(m.index(row, 0), Qt::BackgroundRole).value<QBrush>().color();
        QCOMPARE(firstColour, QColor(255, 150, 60));
        // The values in the columns are the two engines' values.
        const TraceRow& r = *diff->first();
        QCOMPARE(m.data(m.index(row, TraceTableModel::Reference), Qt::DisplayRole).toString(),
                 QString::number(*r.a, 'g', 12));
        QCOMPARE(m.data(m.index(row, TraceTableModel::Candidate), Qt::DisplayRole).toString(),
                 QString::number(*r.b, 'g', 12));
        QCOMPARE(*r.b * double(experiment()->beam.sources.size()), *r.a);  // steps without the source count
        // Later diverging rows are tinted, agreeing rows are not.
        int tinted = 0, plain = 0;
        for (int i = 0; i < m.rowCount(); ++i) {
            const TraceRow& ri = diff->rows[std::size_t(m.diffIndex(i))];
            const QVariant bg = m.data(m.index(i, 0), Qt::BackgroundRole);
            if (i == row) continue;
            if (ri.diverges) {
                QCOMPARE(bg.value<QBrush>().color(), QColor(255, 215, 215));
                ++tinted;
            } else {
                QVERIFY(!bg.isValid());
                ++plain;
            }
        }
        QVERIFY(tinted > 0);  // the value diverges too
        QVERIFY(plain > 100);
        QVERIFY(panel.summaryText().startsWith("First divergence: steps: " + QString::number(*r.a, 'g', 12)));
        // Scrolled to: the highlighted row is inside the viewport.
        QTest::qWait(50);
        const QRect rect = panel.table()->visualRect(m.index(row, 0));
        QVERIFY(panel.table()->viewport()->rect().intersects(rect));
    }

    void agreeingTracesSayHowManyWereCompared() {
        TracePanel panel;
        const PixelTrace a = makeEngine("reference")->tracePixel(*experiment(), kFast, kSlow);
        panel.showOutcome(outcome(a, a));
        QCOMPARE(panel.firstDivergenceRow(), -1);
        QCOMPARE(panel.diff()->compared, int(a.entries.size()));
        QVERIFY(panel.summaryText().startsWith(
            QString("Traces agree: %1 quantities compared").arg(a.entries.size())));
    }

    void filtersReduceTheRows() {
        TracePanel panel;
        panel.showOutcome(perturbedOutcome());
        const TraceDiff& diff = *panel.diff();
        const int all = int(diff.rows.size());
        // Populated from the trace: "all" plus each value present.
        std::set<int> domains, sources;
        for (const TraceRow& r : diff.rows) {
            if (r.site.domain >= 0) domains.insert(r.site.domain);
            if (r.site.source >= 0) sources.insert(r.site.source);
        }
        QCOMPARE(domains.size(), std::size_t(3));
        QVERIFY(sources.size() >= 2);
        QCOMPARE(combo(panel, "domainFilter")->count(), 4);
        QCOMPARE(combo(panel, "sourceFilter")->count(), int(sources.size()) + 1);
        QCOMPARE(combo(panel, "subpixelFilter")->count(), 5);  // oversample 2: 4 sub-pixels
        QCOMPARE(combo(panel, "layerFilter")->count(), 2);
        QCOMPARE(combo(panel, "domainFilter")->currentText(), QString("all"));

        // One domain: its rows and the rows above the domain level, as TraceFilter says.
        QComboBox* domain = combo(panel, "domainFilter");
        domain->setCurrentIndex(domain->findData(1));
        TraceFilter f;
        f.domain = 1;
        const int oneDomain = expectedRows(diff, f);
        QCOMPARE(panel.model().rowCount(), oneDomain);
        QVERIFY(oneDomain < all);
        for (int i = 0; i < panel.model().rowCount(); ++i) {
            const TraceSite& s = diff.rows[std::size_t(panel.model().diffIndex(i))].site;
            QVERIFY(s.domain == 1 || s.domain == -1);
        }
        // Narrower with a sub-pixel and a source too.
        QComboBox* sub = combo(panel, "subpixelFilter");
        sub->setCurrentIndex(sub->findText("(1,0)"));
        QComboBox* source = combo(panel, "sourceFilter");
        source->setCurrentIndex(source->findData(1));
        f.subS = 1, f.subF = 0, f.source = 1;
        QCOMPARE(panel.filter().subS, 1);
        QCOMPARE(panel.filter().subF, 0);
        const int narrow = expectedRows(diff, f);
        QCOMPARE(panel.model().rowCount(), narrow);
        QVERIFY(narrow < oneDomain);
        // The pixel-level "steps" row stays: the first divergence is still shown.
        QVERIFY(panel.firstDivergenceRow() >= 0);
        // Only diverging rows.
        panel.setDivergingOnly(true);
        int diverging = 0;
        for (const TraceRow& r : diff.rows) diverging += f.accepts(r.site) && r.diverges ? 1 : 0;
        QCOMPARE(panel.model().rowCount(), diverging);
        panel.setDivergingOnly(false);
        // setFilter and back to all.
        panel.setFilter(TraceFilter{});
        QCOMPARE(panel.model().rowCount(), all);
        QCOMPARE(combo(panel, "sourceFilter")->currentText(), QString("all"));
    }

    void toleranceRealignsTheTraces() {
        TracePanel panel;
        panel.showOutcome(perturbedOutcome());
        QVERIFY(panel.diff()->first());
        panel.setTolerance(1e9);  // steps differ by a factor of the source count only
        QCOMPARE(panel.diff()->tolerance, 1e9);
        QVERIFY(!panel.diff()->first());
        QCOMPARE(panel.firstDivergenceRow(), -1);
        QVERIFY(panel.summaryText().startsWith("Traces agree"));
        panel.setTolerance(1e-5);
        QCOMPARE(panel.diff()->first()->quantity, std::string("steps"));
    }

    void exportsTraceJson() {
        TracePanel panel;
        QTemporaryDir dir;
        QString error;
        QVERIFY(!panel.exportJson(dir.filePath("none.json"), &error));  // nothing traced yet
        QVERIFY(error.contains("no pixel"));
        panel.showOutcome(perturbedOutcome());
        const QString path = dir.filePath("trace.json");
        QVERIFY2(panel.exportJson(path, &error), qPrintable(error));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonObject o = QJsonDocument::fromJson(f.readAll()).object();
        QCOMPARE(o["pixel"].toArray().at(0).toInt(), kFast);
        QCOMPARE(o["pixel"].toArray().at(1).toInt(), kSlow);
        QCOMPARE(o["first_divergence"].toObject()["quantity"].toString(), QString("steps"));
        QCOMPARE(o["rows"].toArray().size(), qsizetype(panel.diff()->rows.size()));
        QVERIFY(!panel.exportJson(dir.filePath("missing/dir/trace.json"), &error));
        QVERIFY(!error.isEmpty());
    }

    void aFileSideHasOnlyItsPixelValue() {
        RenderResult result;
        result.sources.reference = ImageSourceSpec::fileSide("/data/ref.img");
        result.sources.candidate = ImageSourceSpec::engineSide("reference");
        result.experiment = result.referenceExperiment = result.candidateExperiment = experiment();
        auto image = std::make_shared<Image>(48, 48);
        image->at(kFast, kSlow) = 123.5f;
        result.reference = image;
        result.candidate = std::make_shared<const Image>(makeEngine("reference")->render(*experiment()));
        const std::optional<TraceOutcome> o = runTraceRequest(makeTraceRequest(result, kFast, kSlow));
        QVERIFY(o);
        QVERIFY(!o->reference.traced);
        QVERIFY(o->reference.note.find("image file") != std::string::npos);
        QCOMPARE(o->reference.trace.entries.size(), std::size_t(1));
        QCOMPARE(o->reference.trace.value, 123.5);
        QVERIFY(o->candidate.traced);
        QCOMPARE(float(o->candidate.trace.value), result.candidate->at(kFast, kSlow));

        TracePanel panel;
        panel.showOutcome(std::make_shared<const TraceOutcome>(*o));
        QVERIFY(panel.headerText().contains("file ref.img"));
        QVERIFY(panel.headerText().contains("only its pixel value is available"));
        QCOMPARE(panel.diff()->compared, 1);  // the value, the only quantity both have
        QVERIFY(panel.summaryText().startsWith("First divergence: value: 123.5 vs "));
    }

    void newerRequestSupersedesOlder() {
        RenderResult result;
        result.sources.reference = result.sources.candidate = ImageSourceSpec::engineSide("reference");
        result.experiment = result.referenceExperiment = result.candidateExperiment = experiment();
        TraceJob job;
        QSignalSpy finished(&job, &TraceJob::finished);
        for (int i = 0; i < 5; ++i) job.request(makeTraceRequest(result, i, i));
        QTRY_VERIFY_WITH_TIMEOUT(!job.busy(), 60000);
        QTest::qWait(20);
        QCOMPARE(finished.count(), 1);
        const auto o = finished.at(0).at(0).value<TraceOutcomePtr>();
        QCOMPARE(o->fast, 4);
        QCOMPARE(o->slow, 4);
        QCOMPARE(o->generation, std::uint64_t(5));
    }
};

QTEST_MAIN(TracePanelTest)
#include "trace_panel_test.moc"
