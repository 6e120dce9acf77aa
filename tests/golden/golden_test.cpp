// Every case folder in the golden directory: the engine's float image against the original
// program's (Pearson and sum ratio within the case's thresholds), plus byte-exact SMV, noise and
// PGM samples where a case has them.
#include <QTemporaryDir>
#include <QtTest>

#include "TestSupport.h"
#include "compare/Metrics.h"
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
        if (testsupport::goldenCases().isEmpty()) QFAIL(qPrintable("no golden cases in " + testsupport::goldenDir() + " (set BRAGG_GOLDEN_DIR)"));
    }

    void floatImageMatches_data() { engineCases(); }
    void floatImageMatches() {
        QFETCH(QString, engine);
        QFETCH(QString, caseName);
        const QString caseDir = testsupport::goldenDir() + "/" + caseName;
        const QJsonObject meta = testsupport::caseMeta(caseDir);
        const int fpixels = meta["fpixels"].toInt(), spixels = meta["spixels"].toInt();
        const QJsonObject thresholds = meta["thresholds"].toObject();
        const double pearsonMin = thresholds.contains("pearson_min") ? thresholds["pearson_min"].toDouble() : 0.9999;
        const double sumTol = thresholds.contains("sum_ratio_tol") ? thresholds["sum_ratio_tol"].toDouble() : 1e-3;

        const Experiment e = loadCase(caseDir);
        QCOMPARE(e.detector.fpixels, fpixels);
        QCOMPARE(e.detector.spixels, spixels);
        const Image golden = io::readFloatImage((caseDir + "/image.f32").toStdString(), fpixels, spixels);
        const Image image = makeEngine(engine.toStdString())->render(e);
        const BasicMetrics m = basicMetrics(golden, image);
        qInfo("%s %s: pearson %.9f sum ratio %.9f max|d| %.4g (max %.4g)", qPrintable(engine), qPrintable(caseName),
              m.pearson, m.sumRatio, m.maxAbsDiff, m.maxA);
        QVERIFY2(m.pearson >= pearsonMin, qPrintable(QString("pearson %1 < %2").arg(m.pearson, 0, 'g', 10).arg(pearsonMin)));
        QVERIFY2(std::fabs(m.sumRatio - 1) <= sumTol, qPrintable(QString("sum ratio %1").arg(m.sumRatio, 0, 'g', 10)));
    }

    // Byte-exact SMV/noise/PGM samples (p01, p05) written through the CLI's output path.
    void formatSamplesMatch_data() {
        QTest::addColumn<QString>("caseName");
        for (const QString& name : testsupport::goldenCases())
            if (QFile::exists(testsupport::goldenDir() + "/" + name + "/image.img")) QTest::newRow(qPrintable(name)) << name;
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
            const QByteArray want = testsupport::readAll(expected), got = testsupport::readAll(out.filePath(name));
            QCOMPARE(got.size(), want.size());
            QVERIFY2(got == want, qPrintable(QString("%1 differs from the golden sample").arg(name)));
        }
    }
};

QTEST_GUILESS_MAIN(GoldenTest)
#include "golden_test.moc"
