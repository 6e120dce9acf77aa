// `bragg bench` with program sides: a port (--candidate-bin) timed in the same run as the engines,
// with its ratios and its agreement with the reference engine; a failing port is exit 2.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include "TestSupport.h"

namespace {

const QStringList kFlags{"-cell",      "70",  "80", "90", "90",         "90", "90",
                         "-default_F", "100", "-N", "5",  "-detpixels", "64"};

}  // namespace

class BenchCliTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY2(QFile::exists(qEnvironmentVariable("BRAGG_BIN")), "set BRAGG_BIN"); }

    void candidateProgramIsTimedInTheSameRun() {
        QTemporaryDir dir;
        const QString port =
            testsupport::shellScript(dir, "port.sh", "exec \"$BRAGG_BIN\" simulate --quiet \"$@\"");
        const testsupport::CliRun r = testsupport::runBragg(
            QStringList{"bench", "--iterations", "1", "--candidate-bin", port, "--json", "bench.json", "--"} +
                kFlags,
            dir.path());
        QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
        const QJsonObject c = QJsonDocument::fromJson(testsupport::readAll(dir.filePath("bench.json")))
                                  .object()["cases"]
                                  .toArray()[0]
                                  .toObject();
        QVERIFY(c["candidate_time"].toDouble() > 0);
        QVERIFY(c["candidate_speedup_vs_reference"].toDouble() > 0);
        QVERIFY(c["optimized_speedup_vs_candidate"].toDouble() > 0);
        QVERIFY(c["correlation_candidate"].toDouble() > 0.999999);  // bragg simulate's default engine
        QVERIFY(c["candidate_speedup_vs_external"].isNull());       // no --external given
        QVERIFY(r.out.contains("candidate "));
    }

    void failingCandidateIsExitTwo() {
        QTemporaryDir dir;
        const QString port = testsupport::shellScript(dir, "port.sh", "echo out of memory >&2\nexit 3");
        const testsupport::CliRun r = testsupport::runBragg(
            QStringList{"bench", "--iterations", "1", "--candidate-bin", port, "--json", "bench.json", "--"} +
                kFlags,
            dir.path());
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("exited with status 3") && r.err.contains("out of memory"),
                 qPrintable(r.err));
        QVERIFY(!QFile::exists(dir.filePath("bench.json")));
    }
};

QTEST_GUILESS_MAIN(BenchCliTest)
#include "bench_cli_test.moc"
