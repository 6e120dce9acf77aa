// The gate catches real regressions end to end: a perturbed candidate engine (test hook) makes
// `bragg compare` BLOCKED, and `bragg compare --bisect` / `bragg bisect` name the right feature.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include "TestSupport.h"

namespace {

using Run = testsupport::CliRun;

// bragg-hooked, so perturbed engines can be named.
Run runBragg(const QStringList& args, const QString& workDir) {
    return testsupport::runBraggWithHooks(args, workDir);
}

QStringList words(const QString& text) { return text.split(' ', Qt::SkipEmptyParts); }

const QString kCubic = "-cell 100 100 100 90 90 90 -default_F 100 -distance 100 -detpixels 64 -N 5";

}  // namespace

class CompareGateTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY2(QFile::exists(qEnvironmentVariable("BRAGG_BIN")), "set BRAGG_BIN"); }

    void perturbation_data() {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("flags");
        QTest::addColumn<QString>("outcome");
        QTest::addColumn<QString>("culprit");
        const QString hkl = testsupport::goldenDir() + "/p17_N1_auto_interp/P1.hkl";
        QTest::newRow("source-weights")
            << "source-weights" << kCubic + " -oversample 1 -divergence 1 -divsteps 3"
            << "single-feature"
            << "single-source";
        QTest::newRow("interpolation-off")
            << "interpolation-off"
            << "-cell 70 80 90 75 85 95 -hkl " + hkl + " -distance 100 -detpixels 64 -N 1"
            << "single-feature"
            << "interpolation-off";
        QTest::newRow("mosaic-seed") << "mosaic-seed"
                                     << kCubic + " -oversample 1 -mosaic 0.8 -mosaic_domains 12"
                                     << "single-feature"
                                     << "no-mosaic";
        QTest::newRow("beam-centre") << "beam-centre" << kCubic << "not-restored"
                                     << "";
    }

    void perturbation() {
        QFETCH(QString, kind);
        QFETCH(QString, flags);
        QFETCH(QString, outcome);
        QFETCH(QString, culprit);
        QTemporaryDir dir;
        const QString engines = "reference,perturbed:" + kind + ":reference";
        Run r = runBragg(
            QStringList{"compare", "--run", "--bisect", "--engines", engines, "--outdir", "o", "--"} +
                words(flags),
            dir.path());
        QVERIFY2(r.exitCode == 3, qPrintable(r.out + r.err));
        QVERIFY(r.out.contains("verdict: BLOCKED"));
        const QJsonObject s =
            QJsonDocument::fromJson(testsupport::readAll(dir.filePath("o/summary.json"))).object();
        QCOMPARE(s["verdict"].toString(), QString("BLOCKED"));
        QCOMPARE(s["candidate"].toObject()["name"].toString(), "perturbed:" + kind + ":reference");
        const QJsonObject b = s["bisect"].toObject();
        QCOMPARE(b["outcome"].toString(), outcome);
        const QJsonArray culprits = b["culprits"].toArray();
        QCOMPARE(culprits.isEmpty() ? QString() : culprits[0].toString(), culprit);
        QVERIFY(QFile::exists(dir.filePath("o/diff.png")));

        // The bisect verb reaches the same answer and says it in words.
        r = runBragg(QStringList{"bisect", "--engines", engines, "--outdir", "b", "--"} + words(flags),
                     dir.path());
        QCOMPARE(r.exitCode, 3);
        if (outcome == "not-restored")
            QVERIFY(r.out.contains("conclusion: no single ablation restores agreement"));
        else
            QVERIFY2(r.out.contains("conclusion: agreement restored by"), qPrintable(r.out));
        const QJsonObject bj =
            QJsonDocument::fromJson(testsupport::readAll(dir.filePath("b/bisect.json"))).object();
        QCOMPARE(bj["outcome"].toString(), outcome);
    }

    void bisectOfAgreeingEnginesExitsZero() {
        QTemporaryDir dir;
        const Run r = runBragg(
            QStringList{"bisect", "--engines", "reference,reference", "--"} + words(kCubic), dir.path());
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("nothing to bisect"));
        QCOMPARE(runBragg({"bisect", "--engines", "reference,reference"}, dir.path()).exitCode,
                 1);  // no flags
        QVERIFY(runBragg({"bisect", "--help"}, dir.path()).out.contains("exit status"));
    }
};

QTEST_GUILESS_MAIN(CompareGateTest)
#include "compare_gate_test.moc"
