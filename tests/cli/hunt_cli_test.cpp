// bragg hunt end to end, the quick part (~15 s on 2 cores): the two engines agree on 200
// configurations; a perturbed engine (test hook) is found, with the report's schema; determinism
// and --resume; SIGTERM and --time keep the report; a side that cannot run; usage errors. The
// fake ports (a process per run) are in tests/differential/hunt_ports_test.cpp.
#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>

#include "HuntTestSupport.h"

using testsupport::readJson;
using testsupport::runBraggWithHooks;
using Run = testsupport::CliRun;

namespace {

// hunt.json without its timing, for comparing two runs.
QJsonObject withoutTiming(QJsonObject j) {
    j.remove("elapsed_s");
    return j;
}

}  // namespace

class HuntCliTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY2(QFile::exists(qEnvironmentVariable("BRAGG_BIN")), "set BRAGG_BIN"); }

    void enginesAgreeOn200Configurations() {
        QTemporaryDir dir;
        QElapsedTimer timer;
        timer.start();
        const Run r = runBraggWithHooks(
            {"hunt", "--configs", "200", "--size-max", "24", "--quiet", "--outdir", "out"}, dir.path());
        qInfo("reference vs optimized, 200 configurations: %.1f s", timer.elapsed() / 1000.0);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(r.err.isEmpty());  // --quiet
        const QJsonObject j = readJson(dir.filePath("out/hunt.json"));
        QCOMPARE(j["configs_done"].toInt(), 200);
        QCOMPARE(j["failed"].toInt(), 0);
        QCOMPARE(j["skipped"].toInt(), 0);
        QCOMPARE(j["findings"].toArray().size(), 0);
        QVERIFY(!QFile::exists(dir.filePath("out/inputs")));  // kept only for failures
        testsupport::checkHuntSchema(j, dir.filePath("out/hunt.md"));
    }

    // A candidate whose mosaic domains come from another seed: every finding needs -mosaic;
    // the same seed and count give the same report, also when resumed half-way.
    void perturbedEngineIsFoundDeterministicallyAndResumably() {
        QTemporaryDir dir;
        const QStringList common{"hunt",       "--engines",  "reference,perturbed:mosaic-seed:reference",
                                 "--size-max", "16",         "--seed",
                                 "7",          "--families", "mosaic,cell,phi",
                                 "--quiet"};
        Run r = runBraggWithHooks(common + QStringList{"--configs", "24", "--outdir", "a"}, dir.path());
        QCOMPARE(r.exitCode, 3);
        testsupport::checkHuntSchema(readJson(dir.filePath("a/hunt.json")), dir.filePath("a/hunt.md"));
        const QJsonObject a = withoutTiming(readJson(dir.filePath("a/hunt.json")));
        QVERIFY(!a["findings"].toArray().isEmpty());
        for (const QJsonValue& f : a["findings"].toArray())
            QVERIFY(testsupport::flagNames(f.toObject()["minimal_flags"].toArray()).contains("-mosaic"));
        QCOMPARE(a["settings"].toObject()["families"].toArray().size(), 3);
        r = runBraggWithHooks(common + QStringList{"--configs", "24", "--outdir", "b"}, dir.path());
        QCOMPARE(withoutTiming(readJson(dir.filePath("b/hunt.json"))), a);

        r = runBraggWithHooks(common + QStringList{"--configs", "10", "--outdir", "c"}, dir.path());
        QCOMPARE(readJson(dir.filePath("c/hunt.json"))["configs_done"].toInt(), 10);
        // Resuming takes the saved settings (seed, families, size) and runs to the new count.
        r = runBraggWithHooks({"hunt", "--engines", "reference,perturbed:mosaic-seed:reference", "--resume",
                               "--configs", "24", "--outdir", "c", "--quiet"},
                              dir.path());
        QCOMPARE(r.exitCode, 3);
        QCOMPARE(withoutTiming(readJson(dir.filePath("c/hunt.json"))), a);

        // Another side than the saved one is refused.
        r = runBraggWithHooks({"hunt", "--resume", "--configs", "40", "--outdir", "c"}, dir.path());
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("--resume: the candidate side"), qPrintable(r.err));
        // So are other settings than the saved ones.
        r = runBraggWithHooks({"hunt", "--engines", "reference,perturbed:mosaic-seed:reference", "--resume",
                               "--seed", "8", "--outdir", "c"},
                              dir.path());
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("was made with other seed"), qPrintable(r.err));
    }

    void interruptWritesTheReportSoFar() {
        QTemporaryDir dir;
        QProcess p;
        p.setWorkingDirectory(dir.path());
        p.start(qEnvironmentVariable("BRAGG_BIN"), {"hunt", "--configs", "100000000", "--outdir", "out"});
        QVERIFY(p.waitForStarted());
        QTest::qWait(1500);
        ::kill(pid_t(p.processId()), SIGTERM);
        QVERIFY(p.waitForFinished(20000));
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 0);
        const QJsonObject j = readJson(dir.filePath("out/hunt.json"));
        QCOMPARE(j["stopped"].toString(), QString("interrupted"));
        QVERIFY(j["configs_done"].toInt() > 0);
        QVERIFY(QFile::exists(dir.filePath("out/hunt.md")));
    }

    void timeBudgetReportsTheCountReached() {
        QTemporaryDir dir;
        const Run r = runBraggWithHooks({"hunt", "--time", "1", "--quiet", "--outdir", "out"}, dir.path());
        QCOMPARE(r.exitCode, 0);
        const QJsonObject j = readJson(dir.filePath("out/hunt.json"));
        QCOMPARE(j["stopped"].toString(), QString("time"));
        QVERIFY(j["configs_requested"].isNull());
        QCOMPARE(j["time_budget_s"].toDouble(), 1.0);
        QVERIFY(j["configs_done"].toInt() > 0);
    }

    void aSideThatCannotRunIsExit2() {
        QTemporaryDir dir;
        const QString port = testsupport::writePort(dir.path(), "crash.sh", "exit 9");
        const Run r = runBraggWithHooks({"hunt", "--engines", "reference", "--candidate-bin", port,
                                         "--configs", "50", "--shrink-tests", "5", "--outdir", "out"},
                                        dir.path());
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("the candidate side failed to run on each of the first three configurations"),
                 qPrintable(r.err));
        const QJsonObject j = readJson(dir.filePath("out/hunt.json"));
        QCOMPARE(j["configs_done"].toInt(), 3);
        QCOMPARE(j["findings"].toArray()[0].toObject()["kind"].toString(), QString("candidate-failed"));
        testsupport::checkHuntSchema(j, dir.filePath("out/hunt.md"));
    }

    void usageErrors_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("configs and time")
            << QStringList{"--configs", "5", "--time", "3"} << "--configs and --time";
        QTest::newRow("unknown family") << QStringList{"--families", "mosiac"} << "unknown family 'mosiac'";
        QTest::newRow("no family left") << QStringList{"--families", "phi,-phi"} << "leaves no family";
        QTest::newRow("roi") << QStringList{"--roi", "0", "5", "0", "5"} << "--roi: not for bragg hunt";
        QTest::newRow("resume without report") << QStringList{"--resume"} << "--resume: no";
        QTest::newRow("size too small") << QStringList{"--size-max", "4"} << "--size-max";
    }

    void usageErrors() {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const Run r = runBraggWithHooks(QStringList{"hunt", "--outdir", "out"} + args, dir.path());
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
    }

    void helpDocumentsExitCodes() {
        const Run r = runBraggWithHooks({"hunt", "--help"}, QDir::tempPath());
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("exit status: 0 no finding"));
        QVERIFY(r.out.contains("--families"));
    }
};

QTEST_GUILESS_MAIN(HuntCliTest)
#include "hunt_cli_test.moc"
