// bragg hunt against fake ports, a process per run (~40 s on 2 cores, hence this label): a
// script running `bragg simulate`, or the original program, with one feature broken (a sign
// flipped in a rotation, a flag dropped) is found, and every finding's minimal flags hold the
// broken flag and at most three others (what every run needs, cell, structure factors and
// detector size, is given as base flags); each minimal command line reproduces with bragg
// compare. And the original program agrees with the optimized engine on 200 configurations.
// The original's parts skip with a message when it is absent.
#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include "HuntTestSupport.h"
#include "OriginalProgram.h"

using testsupport::readJson;
using Run = testsupport::CliRun;

class HuntPortsTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY2(QFile::exists(qEnvironmentVariable("BRAGG_BIN")), "set BRAGG_BIN"); }

    void brokenPortIsFound_data() {
        QTest::addColumn<QString>("filter");
        QTest::addColumn<QString>("flag");
        QTest::addColumn<bool>("original");  // the port is the original program, else bragg simulate
        QTest::newRow("bragg, detector_rotx sign") << testsupport::kFlipRotx << "-detector_rotx" << false;
        QTest::newRow("bragg, phi dropped") << testsupport::kDropPhi << "-phi" << false;
        QTest::newRow("original, phi dropped") << testsupport::kDropPhi << "-phi" << true;
    }

    void brokenPortIsFound() {
        QFETCH(QString, filter);
        QFETCH(QString, flag);
        QFETCH(bool, original);
        if (original && !QFile::exists(testsupport::originalProgram()))
            QSKIP(qPrintable("the original nanoBragg program is absent (" + testsupport::originalProgram() +
                             "; set BRAGG_ORIGINAL_BIN)"));
        QTemporaryDir dir;
        // One thread for the original: its tricubic scratch array is shared between threads.
        const QString port =
            testsupport::writePort(dir.path(), "port.sh", filter,
                                   original ? "env OMP_NUM_THREADS=1 '" + testsupport::originalProgram() + "'"
                                            : testsupport::kBraggSimulate);
        const QString reference = original ? "optimized" : "reference";
        QElapsedTimer timer;
        timer.start();
        const Run r =
            testsupport::runBragg(QStringList{"hunt", "--engines", reference, "--candidate-bin", port,
                                              "--configs", "24", "--size-max", "16", "--outdir", "out"} +
                                      testsupport::kHuntBase,
                                  dir.path());
        qInfo("%s: %.1f s", QTest::currentDataTag(), timer.elapsed() / 1000.0);
        QVERIFY2(r.exitCode == 3, qPrintable(r.err));
        const QJsonObject j = readJson(dir.filePath("out/hunt.json"));
        testsupport::checkHuntSchema(j, dir.filePath("out/hunt.md"));
        const QJsonArray findings = j["findings"].toArray();
        QVERIFY(!findings.isEmpty());
        for (const QJsonValue& v : findings) {
            const QJsonObject f = v.toObject();
            const QStringList names = testsupport::flagNames(f["minimal_flags"].toArray());
            QVERIFY2(names.contains(flag), qPrintable(f["minimal_command"].toString()));
            QVERIFY2(names.size() <= 4, qPrintable(f["minimal_command"].toString()));
            QCOMPARE(f["kind"].toString(), QString("metrics"));
            // The minimal command line reproduces with bragg compare, run where its input files are.
            const QJsonObject occurrence = f["occurrences"].toArray()[0].toObject();
            const QString where = occurrence["inputs_dir"].isNull()
                                      ? dir.path()
                                      : dir.filePath("out/" + occurrence["inputs_dir"].toString());
            QStringList compare =
                QStringList{"compare", "--run", "--engines", reference, "--candidate-bin", port} +
                testsupport::kHuntBase;
            for (const QJsonValue& w : f["minimal_flags"].toArray()) compare << w.toString();
            const Run reproduced = testsupport::runBragg(compare, where);
            QVERIFY2(reproduced.exitCode == 3, qPrintable(reproduced.out + reproduced.err));
        }
    }

    void originalAgreesWithOptimizedOn200Configurations() {
        if (!QFile::exists(testsupport::originalProgram()))
            QSKIP(qPrintable("the original nanoBragg program is absent (" + testsupport::originalProgram() +
                             "; set BRAGG_ORIGINAL_BIN)"));
        QTemporaryDir dir;
        QElapsedTimer timer;
        timer.start();
        const Run r = testsupport::runBragg(
            {"hunt", "--reference-bin", testsupport::originalProgram(), "--engines", "optimized", "--threads",
             "1", "--configs", "200", "--seed", "15", "--quiet", "--outdir", "out"},
            dir.path());
        qInfo("original vs optimized, 200 configurations: %.1f s", timer.elapsed() / 1000.0);
        QVERIFY2(r.exitCode == 0,
                 qPrintable(r.err + QString::fromUtf8(testsupport::readAll(dir.filePath("out/hunt.md")))));
        QCOMPARE(readJson(dir.filePath("out/hunt.json"))["configs_done"].toInt(), 200);
    }
};

QTEST_GUILESS_MAIN(HuntPortsTest)
#include "hunt_ports_test.moc"
