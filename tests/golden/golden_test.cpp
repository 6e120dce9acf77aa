// Every case folder in the golden directory: the engine's float image against the original
// program's (the same non-finite class at the same pixels, and Pearson and sum ratio over the
// pixels finite in both within the case's thresholds; the reference engine to the last bit),
// plus byte-exact SMV, noise and PGM samples where a case has them.
#include <QJsonArray>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

#include "TestSupport.h"
#include "compare/Comparison.h"
#include "io/RawFloat.h"
#include "output/SimulationOutputs.h"
#include "params/Derive.h"
#include "params/FlagParser.h"
#include "render/Engine.h"

using namespace bragg;

class GoldenTest : public QObject {
    Q_OBJECT

private:
    // Parse and derive inside the case folder (its input files are named relative to it).
    Experiment loadCase(const QString& caseDir) {
        const QString previous = QDir::currentPath();
        QDir::setCurrent(caseDir);
        Experiment e;
        try {
            e = deriveExperiment(parseNanoBraggFlags(testsupport::caseArgs(caseDir)).params);
        } catch (...) {
            QDir::setCurrent(previous);
            throw;
        }
        QDir::setCurrent(previous);
        return e;
    }

    void engineCases() {
        QTest::addColumn<QString>("engine");
        QTest::addColumn<QString>("caseName");
        for (const std::string& engine : engineNames())
            for (const QString& name : testsupport::goldenCases())
                QTest::newRow(qPrintable(QString::fromStdString(engine) + ":" + name))
                    << QString::fromStdString(engine) << name;
    }

private slots:
    void initTestCase() {
        if (testsupport::goldenCases().isEmpty())
            QFAIL(qPrintable("no golden cases in " + testsupport::goldenDir() + " (set BRAGG_GOLDEN_DIR)"));
    }

    void floatImageMatches_data() { engineCases(); }
    void floatImageMatches() {
        QFETCH(QString, engine);
        QFETCH(QString, caseName);
        const QString caseDir = testsupport::goldenDir() + "/" + caseName;
        const QJsonObject meta = testsupport::caseMeta(caseDir);
        const int fpixels = meta["fpixels"].toInt(), spixels = meta["spixels"].toInt();
        const QJsonObject thresholds = meta["thresholds"].toObject();
        const double pearsonMin =
            thresholds.contains("pearson_min") ? thresholds["pearson_min"].toDouble() : 0.9999;
        const double sumTol =
            thresholds.contains("sum_ratio_tol") ? thresholds["sum_ratio_tol"].toDouble() : 1e-3;

        const Experiment e = loadCase(caseDir);
        QCOMPARE(e.detector.fpixels, fpixels);
        QCOMPARE(e.detector.spixels, spixels);
        const Image golden = io::readFloatImage((caseDir + "/image.f32").toStdString(), fpixels, spixels);
        const Image image = makeEngine(engine.toStdString())->render(e);

        // The golden README's rule: the same non-finite class at the same positions (meta.json
        // lists the original's), metrics over the pixels finite in both.
        const NonFiniteSummary nonFinite = summarizeNonFinite(golden, image);
        if (!nonFinite.mismatches.empty()) QFAIL(describeMismatches(nonFinite).front().c_str());
        const QJsonObject listed = meta["nonfinite"].toObject();
        QCOMPARE(nonFinite.reference.plusInf, std::size_t(listed["+inf"].toArray().size()));
        QCOMPARE(nonFinite.reference.minusInf, std::size_t(listed["-inf"].toArray().size()));
        QCOMPARE(nonFinite.reference.nan, std::size_t(listed["nan"].toArray().size()));

        const BasicMetrics m = basicMetrics(golden, image);
        qInfo("%s %s: pearson %.9f sum ratio %.9f max|d| %.4g (max %.4g), %zu non-finite shared",
              qPrintable(engine), qPrintable(caseName), m.pearson, m.sumRatio, m.maxAbsDiff, m.maxA,
              nonFinite.shared);
        QVERIFY2(m.pearson >= pearsonMin,
                 qPrintable(QString("pearson %1 < %2").arg(m.pearson, 0, 'g', 10).arg(pearsonMin)));
        QVERIFY2(std::fabs(m.sumRatio - 1) <= sumTol,
                 qPrintable(QString("sum ratio %1").arg(m.sumRatio, 0, 'g', 10)));

        // The reference engine's gate is the original's image itself: every pixel equal, or one
        // unit in the last place apart (README "Fidelity against the original program").
        if (engine == "reference") {
            std::size_t apart = 0, first = 0;
            for (std::size_t i = 0; i < golden.size(); ++i) {
                const float want = golden.pixels[i], got = image.pixels[i];
                if (!std::isfinite(want) || want == got) continue;
                if (std::nextafter(want, got) == got) continue;
                if (apart++ == 0) first = i;
            }
            QVERIFY2(apart == 0,
                     qPrintable(QString("%1 pixels more than 1 ulp from the original, first at fast %2 slow "
                                        "%3: %4 vs %5")
                                    .arg(apart)
                                    .arg(first % std::size_t(fpixels))
                                    .arg(first / std::size_t(fpixels))
                                    .arg(double(golden.pixels[first]), 0, 'g', 9)
                                    .arg(double(image.pixels[first]), 0, 'g', 9)));
        }
    }

    // Byte-exact SMV/noise/PGM samples (p01, p05) written through the CLI's output path.
    void formatSamplesMatch_data() {
        QTest::addColumn<QString>("caseName");
        for (const QString& name : testsupport::goldenCases())
            if (QFile::exists(testsupport::goldenDir() + "/" + name + "/image.img"))
                QTest::newRow(qPrintable(name)) << name;
    }
    void formatSamplesMatch() {
        QFETCH(QString, caseName);
        const QString caseDir = testsupport::goldenDir() + "/" + caseName;
        const QJsonObject meta = testsupport::caseMeta(caseDir);
        const int fpixels = meta["fpixels"].toInt(), spixels = meta["spixels"].toInt();
        Experiment e = loadCase(caseDir);
        QTemporaryDir out;
        e.params.floatFile = out.filePath("image.f32").toStdString();
        e.params.intFile = out.filePath("image.img").toStdString();
        e.params.noiseFile = out.filePath("noise.img").toStdString();
        e.params.pgmFile = out.filePath("image.pgm").toStdString();
        // Derived images from the golden float image, so only the format code is under test here.
        const Image golden = io::readFloatImage((caseDir + "/image.f32").toStdString(), fpixels, spixels);
        writeSimulationOutputs(e, golden);
        for (const char* name : {"image.img", "noise.img", "image.pgm"}) {
            const QString expected = caseDir + "/" + name;
            if (!QFile::exists(expected)) continue;
            const QByteArray want = testsupport::readAll(expected),
                             got = testsupport::readAll(out.filePath(name));
            QCOMPARE(got.size(), want.size());
            QVERIFY2(got == want, qPrintable(QString("%1 differs from the golden sample").arg(name)));
        }
    }
};

QTEST_GUILESS_MAIN(GoldenTest)
#include "golden_test.moc"
