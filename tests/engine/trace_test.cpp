// Pixel traces: each engine's trace comes from its rendering path (its value is the rendered
// pixel, bit for bit), the reference and optimized traces agree step by step, and a perturbed
// engine's first divergence is the quantity that was perturbed.
#include <QFile>
#include <QTemporaryDir>
#include <QTextStream>
#include <QtTest>

#include "IoTestSupport.h"

#include "core/Error.h"
#include "params/Derive.h"
#include "params/FlagParser.h"
#include "render/Engine.h"
#include "render/OptimizedEngine.h"
#include "render/OptimizedPlan.h"
#include "PerturbedEngine.h"
#include "trace/TraceDiff.h"
#include "trace/TraceQuantities.h"

using namespace bragg;

namespace {

const std::vector<std::string> kBase{"-cell", "70",         "80",      "90",     "75",
                                     "85",    "95",         "-lambda", "1.1",    "-distance",
                                     "80",    "-detpixels", "48",      "-pixel", "0.6"};

std::vector<std::string> with(std::vector<std::string> flags, std::initializer_list<std::string> extra) {
    flags.insert(flags.end(), extra);
    return flags;
}

Experiment derive(const std::vector<std::string>& flags) {
    return deriveExperiment(parseNanoBraggFlags(flags).params);
}

using iotest::writeSmallHkl;

int countQuantity(const PixelTrace& t, const std::string& quantity) {
    int n = 0;
    for (const TraceEntry& e : t.entries) n += e.quantity == quantity;
    return n;
}

}  // namespace

class TraceTest : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;
    std::string hkl_;

private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        hkl_ = writeSmallHkl(dir_);
        QVERIFY(!hkl_.empty());
    }

    // Configurations that take every path of both engines: vector (no table, nearest,
    // interpolating), scalar lanes (non-square shapes), per-pixel (oversample flags), the run's
    // first φ loop, thickness, d_min, curved detector.
    void traceValueIsTheRenderedPixel_data() {
        QTest::addColumn<QStringList>("flags");
        auto row = [&](const char* name, std::vector<std::string> f) {
            QStringList l;
            for (const std::string& s : f) l << QString::fromStdString(s);
            QTest::newRow(name) << l;
        };
        row("default_F N5", with(kBase, {"-default_F", "100", "-N", "5"}));
        row("per-axis N",
            with(kBase, {"-default_F", "100", "-Na", "3", "-Nb", "12", "-Nc", "4", "-oversample", "2"}));
        row("hkl nearest", with(kBase, {"-hkl", hkl_, "-N", "4", "-nointerpolate"}));
        row("hkl interpolate", with(kBase, {"-hkl", hkl_, "-N", "4", "-interpolate"}));
        row("round", with(kBase, {"-default_F", "100", "-N", "6", "-round_xtal"}));
        row("oversample_omega",
            with(kBase, {"-default_F", "100", "-N", "5", "-oversample", "2", "-oversample_omega"}));
        row("phi carry-over", with(kBase, {"-default_F", "100", "-N", "5", "-phi", "0", "-osc", "2",
                                           "-phisteps", "3", "-mosaic", "1", "-mosaic_domains", "3"}));
        row("sources+thickness", with(kBase, {"-default_F", "100", "-N", "5", "-divergence", "0.5",
                                              "-divsteps", "2", "-dispersion", "5", "-dispsteps", "2",
                                              "-detector_thick", "200", "-detector_thicksteps", "3"}));
        row("dmin curved", with(kBase, {"-default_F", "100", "-N", "5", "-curved_det", "-dmin", "3"}));
    }
    void traceValueIsTheRenderedPixel() {
        QFETCH(QStringList, flags);
        std::vector<std::string> f;
        for (const QString& s : flags) f.push_back(s.toStdString());
        const Experiment e = derive(f);
        const std::vector<std::pair<int, int>> pixels{{0, 0}, {7, 3}, {24, 24}, {47, 40}, {30, 11}};
        std::vector<std::string> isas = availableIsas();
        for (const std::string& isa : isas) {
            OptimizedEngine optimized(isa);
            const Image image = optimized.render(e);
            for (auto [fast, slow] : pixels) {
                const PixelTrace t = optimized.tracePixel(e, fast, slow);
                if (float(t.value) != image.at(fast, slow))
                    QFAIL(qPrintable(QString("%1 (%2,%3): trace %4, image %5")
                                         .arg(QString::fromStdString(isa))
                                         .arg(fast)
                                         .arg(slow)
                                         .arg(t.value, 0, 'g', 9)
                                         .arg(image.at(fast, slow), 0, 'g', 9)));
            }
        }
        auto reference = makeEngine("reference");
        const Image image = reference->render(e);
        for (auto [fast, slow] : pixels) {
            const PixelTrace ref = reference->tracePixel(e, fast, slow);
            QCOMPARE(float(ref.value), image.at(fast, slow));
            const PixelTrace opt = makeEngine("optimized")->tracePixel(e, fast, slow);
            const TraceDiff diff = diffTraces(ref, opt);
            if (const TraceRow* r = diff.first())
                QFAIL(qPrintable(
                    QString("(%1,%2) first divergence %3 %4: %5 vs %6")
                        .arg(fast)
                        .arg(slow)
                        .arg(QString::fromStdString(r->site.label()), QString::fromStdString(r->quantity))
                        .arg(*r->a, 0, 'g', 12)
                        .arg(*r->b, 0, 'g', 12)));
            QVERIFY(diff.compared > 20);  // the traces are not empty
            // Every (sub-pixel, source, φ, domain) term the reference evaluated is in its trace.
            const int subpixels = e.detector.thickLayers * e.detector.oversample * e.detector.oversample;
            QVERIFY(countQuantity(ref, "R") == subpixels);
            QVERIFY(countQuantity(ref, "h") <=
                    subpixels * int(e.beam.sources.size()) * e.crystal.phiSteps() * e.crystal.domains());
        }
    }

    void perturbationIsTheFirstDivergence_data() {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("quantity");  // the expected first divergent quantity (prefix)
        QTest::newRow("beam-centre") << "beam-centre"
                                     << "P.";
        QTest::newRow("source-weights") << "source-weights"
                                        << "steps";
        QTest::newRow("interpolation-off") << "interpolation-off"
                                           << "F_cell";
        QTest::newRow("mosaic-seed") << "mosaic-seed"
                                     << "h";
    }
    void perturbationIsTheFirstDivergence() {
        QFETCH(QString, kind);
        QFETCH(QString, quantity);
        const Experiment e = derive(
            with(kBase, {"-hkl", hkl_, "-N", "4", "-interpolate", "-mosaic", "2", "-mosaic_domains", "3",
                         "-divergence", "0.4", "-divsteps", "2", "-roi", "22", "26", "22", "26"}));
        const std::vector<std::string>& kinds = perturbationNames();
        const auto index = std::find(kinds.begin(), kinds.end(), kind.toStdString()) - kinds.begin();
        PerturbedEngine perturbed(Perturbation(index), makeEngine("optimized"));
        // The first rendered pixel, near the beam: it interpolates until its own first
        // out-of-range evaluation (sticky switch-off).
        const PixelTrace ref = makeEngine("reference")->tracePixel(e, 22, 22);
        QVERIFY(countQuantity(ref, "F_cell") > 0);
        const PixelTrace cand = perturbed.tracePixel(e, 22, 22);
        const TraceDiff diff = diffTraces(ref, cand);
        QVERIFY2(diff.first(), "the perturbed trace should diverge");
        const std::string found = diff.first()->quantity;
        qInfo("%s: first divergence %s %s", qPrintable(kind), diff.first()->site.label().c_str(),
              found.c_str());
        if (kind == "mosaic-seed") {
            QVERIFY(found == "h" || found == "k" || found == "l");
            QVERIFY(diff.first()->site.domain >= 1);  // domain 0 is the unrotated one in both
        } else {
            QVERIFY2(found.rfind(quantity.toStdString(), 0) == 0, found.c_str());
        }
    }

    void diffComparesLatticeFactorByMagnitudeAndSkipsAbsentValues() {
        PixelTrace a, b;
        a.entries = {
            {TraceSite{}, "F_latt", -2.0}, {TraceSite{}, "end_polar", 0.9}, {TraceSite{}, "value", 1.0}};
        b.entries = {
            {TraceSite{}, "F_latt", 2.0}, {TraceSite{}, "value", 1.0 + 1e-7}, {TraceSite{}, "extra", 5}};
        TraceDiff d = diffTraces(a, b, 1e-6);
        QVERIFY(!d.first());
        QCOMPARE(d.compared, 2);
        QCOMPARE(int(d.rows.size()), 4);
        d = diffTraces(a, b, 1e-8);
        QVERIFY(d.first());
        QCOMPARE(QString::fromStdString(d.first()->quantity), QString("value"));
    }

    // docs/trace-format.md / issue 13 §4: the round crystal at the direct beam (pixel 40,40 of the
    // issue's case) — rounding noise in P, d and S is agreement on each vector's own scale; the
    // first divergence is F_latt (0.7236 vs 0), not P.x (0 vs 1.7e-18).
    void divergenceUsesEachQuantitysPhysicalScale() {
        const TraceSite sub{0, 0, 0}, src{0, 0, 0, 0}, term{0, 0, 0, 0, 0, 0};
        const double lambda = 0.9752e-10;
        PixelTrace a, b;
        // At the direct beam (adxv: the beam along z), P = (0, 0, R).
        a.entries = {{sub, "P.x", 0.0},        {sub, "P.y", 0.0},        {sub, "P.z", 0.11074},
                     {sub, "R", 0.11074},      {sub, "d.x", 0.0},        {sub, "d.y", 0.0},
                     {sub, "d.z", 1.0},        {src, "incident.x", 0.0}, {src, "incident.y", 0.0},
                     {src, "incident.z", 1.0}, {src, "lambda", lambda},  {src, "S.x", 0.0},
                     {src, "S.y", 0.0},        {src, "S.z", 0.0},        {src, "stol", 0.0},
                     {term, "h", 0.0},         {term, "k", 0.0},         {term, "l", 0.0},
                     {term, "F_latt", 0.7236}, {term, "I", 5.2}};
        b.entries = a.entries;
        auto set = [&](const char* quantity, double v) {
            for (TraceEntry& e : b.entries)
                if (e.quantity == quantity) e.value = v;
        };
        set("P.x", 1.7e-18), set("d.x", 1.5e-17), set("S.x", 1.6e-7), set("stol", 8e-8), set("h", 3e-12);
        TraceDiff d = diffTraces(a, b);
        QVERIFY(!d.first());  // noise only: the traces agree
        set("F_latt", 0.0), set("I", 0.0);
        d = diffTraces(a, b);
        QVERIFY(d.first());
        QCOMPARE(QString::fromStdString(d.first()->quantity), QString("F_latt"));

        // P.x 0 vs 1.7e-18 where P's length is 1.7e-18 too would diverge (a real difference in
        // direction), and so does an intensity that is 0 on one side only.
        PixelTrace c, e;
        c.entries = {{sub, "P.x", 0.0}, {sub, "P.y", 1.7e-18}, {sub, "P.z", 0.0}};
        e.entries = {{sub, "P.x", 1.7e-18}, {sub, "P.y", 0.0}, {sub, "P.z", 0.0}};
        QCOMPARE(QString::fromStdString(diffTraces(c, e).first()->quantity), QString("P.x"));
        c.entries = {{TraceSite{}, "I_sum", 0.0}};
        e.entries = {{TraceSite{}, "I_sum", 1e-30}};
        QVERIFY(diffTraces(c, e).first());
        // A genuinely different position is still found.
        c.entries = {{sub, "P.x", 0.1}, {sub, "P.y", 0.01}, {sub, "P.z", 0.0}};
        e.entries = {{sub, "P.x", 0.1}, {sub, "P.y", 0.0101}, {sub, "P.z", 0.0}};
        QCOMPARE(QString::fromStdString(diffTraces(c, e).first()->quantity), QString("P.y"));
    }

    // The one list: each TraceId names its own entry, and both engines record only listed names.
    void recordedQuantitiesAreTheListsOwn() {
        QCOMPARE(int(traceQuantities().size()), kTraceIdCount);
        QCOMPARE(std::string(traceQuantity(TraceId::IStart).name), std::string("I_start"));
        QCOMPARE(std::string(traceQuantity(TraceId::ReSquaredFluence).name), std::string("r_e2_fluence"));
        QCOMPARE(std::string(traceQuantity(TraceId::Value).name), std::string("value"));
        const Experiment e =
            derive(with(kBase, {"-default_F", "100", "-N", "5", "-dmin", "3", "-water", "50"}));
        for (const std::string name : {"reference", "optimized"}) {
            const PixelTrace t = makeEngine(name)->tracePixel(e, 7, 3);
            QVERIFY(t.entries.size() > 20);
            for (const TraceEntry& entry : t.entries)
                QVERIFY2(findTraceQuantity(entry.quantity), (name + ": " + entry.quantity).c_str());
        }
    }

    void pixelOutsideTheDetectorIsAUsageError() {
        const Experiment e = derive(with(kBase, {"-default_F", "100"}));
        for (const char* engine : {"reference", "optimized"}) {
            try {
                makeEngine(engine)->tracePixel(e, 48, 0);
                QFAIL("expected an error");
            } catch (const Error& error) {
                QCOMPARE(int(error.kind()), int(ErrorKind::Usage));
                QVERIFY(QString(error.what()).contains("--pixel"));
            }
        }
    }
};

QTEST_GUILESS_MAIN(TraceTest)
#include "trace_test.moc"
