// `bragg trace` and `--physics` as a user runs them: exit statuses, the aligned text, trace.json.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include "TestSupport.h"

namespace {

const QStringList kFlags{
    "-cell", "100",       "100", "100",        "90", "90", "90", "-default_F", "100", "-lambda",
    "1",     "-distance", "100", "-detpixels", "64", "-N", "5",  "-mosaic",    "1",   "-mosaic_domains",
    "2"};

// hooks: bragg-hooked, where the perturbed engines can be named.
testsupport::CliRun run(const QStringList& args, const QString& dir, bool hooks = false) {
    return hooks ? testsupport::runBraggWithHooks(args, dir) : testsupport::runBragg(args, dir);
}

}  // namespace

class TraceCliTest : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;

private slots:
    void agreeingEnginesExitZeroAndWriteJson() {
        const QString json = dir_.filePath("trace.json");
        const auto r =
            run(QStringList{"trace", "--pixel", "40", "20", "--json", json, "--"} + kFlags, dir_.path());
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("traces agree"));
        QVERIFY(r.out.contains("F_latt_a") && r.out.contains("end_factor"));
        const QJsonObject j = QJsonDocument::fromJson(testsupport::readAll(json)).object();
        QCOMPARE(j["pixel"].toArray()[0].toInt(), 40);
        QVERIFY(j["first_divergence"].isNull());
        QVERIFY(j["rows"].toArray().size() > 50);
        QCOMPARE(j["engines"].toArray()[0].toString(), QString("reference"));
    }

    void perturbedCandidateDivergesAtTheBrokenQuantity() {
        const auto r =
            run(QStringList{"trace", "--pixel", "40", "20", "--engines",
                            "reference,perturbed:source-weights:optimized", "--"} +
                    kFlags + QStringList{"-divergence", "0.5", "-divsteps", "2"},  // several sources
                dir_.path(), true);
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(r.out.contains("first divergence: steps"), qPrintable(r.out.right(400)));
    }

    void filtersKeepOnlyTheChosenDomain() {
        const auto r =
            run(QStringList{"trace", "--pixel", "40", "20", "--domain", "1", "--"} + kFlags, dir_.path());
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("domain 1"));
        QVERIFY(!r.out.contains("domain 0"));
    }

    void correctedCandidateShowsTheWaterQuirk() {
        QStringList flags = kFlags;
        flags << "-water"
              << "100";
        const auto r =
            run(QStringList{"trace", "--pixel", "40", "20", "--candidate-physics", "water", "--"} + flags,
                dir_.path());
        QCOMPARE(r.exitCode, 3);  // the water start value differs: the first row
        QVERIFY2(r.out.contains("first divergence: I_start"), qPrintable(r.out.right(400)));
        QVERIFY(r.out.contains("[physics water]"));
    }

    void badInputIsAUsageError_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("outside") << (QStringList{"trace", "--pixel", "64", "0", "--"} + kFlags) << "--pixel";
        QTest::newRow("no pixel") << (QStringList{"trace", "--"} + kFlags) << "--pixel";
        QTest::newRow("no flags") << QStringList{"trace", "--pixel", "1", "1"} << "nanoBragg flags";
        QTest::newRow("bad physics")
            << (QStringList{"trace", "--pixel", "1", "1", "--physics", "fixed", "--"} + kFlags)
            << "--physics";
        QTest::newRow("simulate bad physics")
            << (QStringList{"simulate", "--physics", "nope"} + kFlags) << "--physics";
    }
    void badInputIsAUsageError() {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const auto r = run(args, dir_.path());
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
        QCOMPARE(r.err.count('\n'), 1);  // one line
    }

    void simulateRunsInCorrectedMode() {
        const QString out = dir_.filePath("corrected.bin");
        const auto r =
            run(QStringList{"simulate", "--physics", "corrected", "-floatfile", out} + kFlags, dir_.path());
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("physics corrected"));
        QCOMPARE(QFileInfo(out).size(), qint64(64 * 64 * 4));
    }
};

QTEST_GUILESS_MAIN(TraceCliTest)
#include "trace_cli_test.moc"
