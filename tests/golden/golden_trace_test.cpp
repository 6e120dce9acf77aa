// Every golden case, traced and corrected:
// - at three pixels (the brightest, an off-peak one, a corner) the reference trace's value is the
//   golden pixel, bit for bit, and the optimized engine's trace agrees with it at every step;
// - --physics corrected gives the nanoBragg image bit for bit where no quirk applies, and where
//   one does, both engines still agree on the corrected image.
#include <QtTest>

#include <cmath>

#include "TestSupport.h"
#include "compare/Metrics.h"
#include "io/RawFloat.h"
#include "params/Derive.h"
#include "params/FlagParser.h"
#include "params/PhysicsMode.h"
#include "render/Engine.h"
#include "trace/TraceDiff.h"

using namespace bragg;

class GoldenTraceTest : public QObject {
    Q_OBJECT

    // Parse and derive inside the case folder (its input files are named relative to it).
    static Experiment loadCase(const QString& caseDir, const std::string& physics) {
        const QString previous = QDir::currentPath();
        QDir::setCurrent(caseDir);
        Params p;
        try {
            p = parseNanoBraggFlags(testsupport::caseArgs(caseDir)).params;
        } catch (...) {
            QDir::setCurrent(previous);
            throw;
        }
        p.fixes = parsePhysicsMode(physics);
        Experiment e;
        try {
            e = deriveExperiment(p);
        } catch (...) {
            QDir::setCurrent(previous);
            throw;
        }
        QDir::setCurrent(previous);
        return e;
    }

    static void cases() {
        QTest::addColumn<QString>("caseName");
        for (const QString& name : testsupport::goldenCases()) QTest::newRow(qPrintable(name)) << name;
    }

private slots:
    void tracesAgreeStepByStep_data() { cases(); }
    void tracesAgreeStepByStep() {
        QFETCH(QString, caseName);
        const QString caseDir = testsupport::goldenDir() + "/" + caseName;
        const QJsonObject meta = testsupport::caseMeta(caseDir);
        const int fpixels = meta["fpixels"].toInt(), spixels = meta["spixels"].toInt();
        const Image golden = io::readFloatImage((caseDir + "/image.f32").toStdString(), fpixels, spixels);
        const Experiment e = loadCase(caseDir, "nanobragg");
        auto reference = makeEngine("reference"), optimized = makeEngine("optimized");
        const Image rendered = optimized->render(e);
        const std::vector<std::pair<int, int>> pixels{
            {meta["argmax_fast"].toInt(), meta["argmax_slow"].toInt()},
            {fpixels / 3, spixels / 5},
            {1, spixels - 2}};
        for (auto [fast, slow] : pixels) {
            const PixelTrace a = reference->tracePixel(e, fast, slow);
            const PixelTrace b = optimized->tracePixel(e, fast, slow);
            QCOMPARE(float(a.value), golden.at(fast, slow));
            QCOMPARE(float(b.value), rendered.at(fast, slow));
            const TraceDiff diff = diffTraces(a, b);
            if (const TraceRow* r = diff.first())
                QFAIL(qPrintable(
                    QString("(%1,%2): first divergence %3 %4: %5 vs %6 (rel. %7)")
                        .arg(fast)
                        .arg(slow)
                        .arg(QString::fromStdString(r->site.label()), QString::fromStdString(r->quantity))
                        .arg(*r->a, 0, 'g', 12)
                        .arg(*r->b, 0, 'g', 12)
                        .arg(r->difference)));
            QVERIFY(diff.compared >= 20);
            qInfo("%s (%d,%d): %d quantities agree", qPrintable(caseName), fast, slow, diff.compared);
        }
    }

    void correctedModeWhereQuirksApplyOrNot_data() { cases(); }
    void correctedModeWhereQuirksApplyOrNot() {
        QFETCH(QString, caseName);
        const QString caseDir = testsupport::goldenDir() + "/" + caseName;
        const Experiment quirky = loadCase(caseDir, "nanobragg"), fixed = loadCase(caseDir, "corrected");
        const std::vector<std::string> quirks = quirksInEffect(quirky);
        const Image refQuirk = makeEngine("reference")->render(quirky);
        const Image refFixed = makeEngine("reference")->render(fixed);
        const Image optFixed = makeEngine("optimized")->render(fixed);
        const BasicMetrics engines = basicMetrics(refFixed, optFixed);
        QVERIFY2(engines.pearson >= 0.999999 && std::fabs(engines.sumRatio - 1) <= 1e-5 &&
                     engines.maxAbsDiff <= 1e-4 * engines.maxAbsA,
                 "the engines disagree on the corrected image");
        if (quirks.empty()) {
            QVERIFY2(refFixed.pixels == refQuirk.pixels, "corrected differs although no quirk applies");
            QVERIFY(optFixed.pixels == makeEngine("optimized")->render(quirky).pixels);
            qInfo("%s: no quirk applies; corrected = nanoBragg bit for bit", qPrintable(caseName));
        } else {
            std::string names;
            for (const std::string& q : quirks) names += (names.empty() ? "" : ",") + q;
            const BasicMetrics change = basicMetrics(refQuirk, refFixed);
            qInfo("%s: quirks %s; corrected vs nanoBragg: pearson %.6f, sum ratio %.6f", qPrintable(caseName),
                  names.c_str(), change.pearson, change.sumRatio);
        }
    }
};

QTEST_GUILESS_MAIN(GoldenTraceTest)
#include "golden_trace_test.moc"
