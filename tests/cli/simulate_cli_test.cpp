// `bragg simulate` as a user runs it: outputs, summary, and every class of bad input (one clear
// line, documented exit code, no output file left behind).
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include "TestSupport.h"

namespace {

using Run = testsupport::CliRun;
using testsupport::runBragg;

const QStringList kSmall{"simulate",   "-cell", "100",       "100", "100",        "90", "90", "90",
                         "-default_F", "100",   "-distance", "100", "-detpixels", "32", "-N", "5"};

}  // namespace

class SimulateCliTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY2(QFile::exists(qEnvironmentVariable("BRAGG_BIN")), "set BRAGG_BIN"); }

    void writesAllOutputsAndSummary() {
        QTemporaryDir dir;
        const Run r = runBragg(kSmall + QStringList{"-floatfile", "f.bin", "-intfile", "i.img", "-seed", "7"},
                               dir.path());
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(QFileInfo(dir.filePath("f.bin")).size(), 32 * 32 * 4);
        QCOMPARE(QFileInfo(dir.filePath("i.img")).size(), 512 + 32 * 32 * 2);
        QVERIFY(QFile::exists(dir.filePath("image.pgm")));
        QVERIFY(QFile::exists(dir.filePath("noiseimage.img")));
        QVERIFY(r.out.contains("oversample 2 (auto)"));
        QVERIFY(r.out.contains("max_I = "));
        QVERIFY(r.out.contains("convention mosflm, pivot beam"));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), 4);  // no temporary files left
    }

    void quietPrintsNothingAndNoPgmNoNoise() {
        QTemporaryDir dir;
        const Run r = runBragg(kSmall + QStringList{"--quiet", "-nopgm", "-nonoise"}, dir.path());
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.isEmpty());
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList({"floatimage.bin", "intimage.img"}));
    }

    void sameSeedSameNoiseImage() {
        QTemporaryDir dir;
        QCOMPARE(runBragg(kSmall + QStringList{"-seed", "99", "-noisefile", "a.img"}, dir.path()).exitCode,
                 0);
        QCOMPARE(runBragg(kSmall + QStringList{"-seed", "99", "-noisefile", "b.img"}, dir.path()).exitCode,
                 0);
        QFile a(dir.filePath("a.img")), b(dir.filePath("b.img"));
        QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
        QCOMPARE(a.readAll(), b.readAll());
    }

    void helpAndVersion() {
        QTemporaryDir dir;
        Run r = runBragg({"simulate", "--help"}, dir.path());
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("-detpixels"));
        QVERIFY(r.out.contains("-oversample_omega"));
        r = runBragg({"--version"}, dir.path());
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.startsWith("bragg "));
    }

    void badInput_data() {
        QTest::addColumn<QStringList>("extra");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown flag") << QStringList{"-distanse", "100"} << 1 << "did you mean -distance";
        QTest::newRow("missing value") << QStringList{"-lambda"} << 1 << "-lambda";
        QTest::newRow("non-numeric") << QStringList{"-lambda", "one"} << 1 << "-lambda";
        QTest::newRow("out of range") << QStringList{"-pixel", "0"} << 1 << "-pixel";
        QTest::newRow("stray argument") << QStringList{"stray"} << 1 << "stray";
        QTest::newRow("unknown engine") << QStringList{"--engine", "warp"} << 1 << "warp";
        QTest::newRow("missing hkl") << QStringList{"-hkl", "nothere.hkl"} << 5 << "nothere.hkl";
        QTest::newRow("malformed hkl") << QStringList{"-hkl", "bad.hkl"} << 5 << "bad.hkl:2";
        QTest::newRow("missing matrix") << QStringList{"-mat", "nothere.mat"} << 5 << "nothere.mat";
        QTest::newRow("missing sourcefile")
            << QStringList{"-sourcefile", "nothere.txt"} << 5 << "nothere.txt";
        QTest::newRow("unwritable output")
            << QStringList{"-floatfile", "no/such/dir/f.bin"} << 5 << "no/such/dir/f.bin";
        QTest::newRow("too large") << QStringList{"-detpixels", "100000"} << 6 << "MB";
    }
    void badInput() {
        QFETCH(QStringList, extra);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        QTemporaryDir dir;
        QFile bad(dir.filePath("bad.hkl"));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write("1 2 3 10\n1 2 x 4\n");
        bad.close();
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("BRAGG_MEMORY_LIMIT_MB", "2000");
        const Run r = runBragg(kSmall + extra, dir.path(), env);
        QCOMPARE(r.exitCode, exitCode);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
        QCOMPARE(r.err.trimmed().count('\n'), 0);                                     // one line
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList({"bad.hkl"}));  // no output
    }

    // issue 13 §1, §2 (docs/flags.md §1): the original reads -misset_seed N a b as
    // -misset N a b too, and "-curved_det 1" is its usual spelling; neither is an error here.
    void nanoBraggSpellingsAreReproduced_data() {
        QTest::addColumn<QStringList>("quirk");
        QTest::addColumn<QStringList>("plain");
        QTest::addColumn<QString>("warning");
        QTest::newRow("seed and two angles") << QStringList{"-misset_seed", "35", "12", "-7"}
                                             << QStringList{"-misset", "35", "12", "-7", "-seed", "35"}
                                             << "-misset_seed 35 is also read as -misset 35 12 -7";
        QTest::newRow("random replaced")
            << QStringList{"-misset", "random", "-misset_seed", "748703", "-mosaic", "0.2"}
            << QStringList{"-misset", "748703", "0", "0.2", "-mosaic", "0.2", "-seed", "748703"}
            << "fixed misset, replacing the earlier -misset random";
        QTest::newRow("curved_det 1")
            << QStringList{"-curved_det", "1"} << QStringList{"-curved_det", "-nopgm"} << "";
    }
    void nanoBraggSpellingsAreReproduced() {
        QFETCH(QStringList, quirk);
        QFETCH(QStringList, plain);
        QFETCH(QString, warning);
        QTemporaryDir dir;
        const QStringList common{"-oversample", "1", "-nopgm", "-nonoise"};
        const Run a = runBragg(kSmall + common + quirk + QStringList{"-floatfile", "a.bin"}, dir.path());
        QVERIFY2(a.exitCode == 0, qPrintable(a.err));
        if (!warning.isEmpty()) {
            QVERIFY2(a.err.contains(warning), qPrintable(a.err));
            QCOMPARE(a.err.trimmed().count('\n'), 0);  // one line
        }
        const Run b = runBragg(kSmall + common + plain + QStringList{"-floatfile", "b.bin"}, dir.path());
        QVERIFY2(b.exitCode == 0, qPrintable(b.err));
        QFile fa(dir.filePath("a.bin")), fb(dir.filePath("b.bin"));
        QVERIFY(fa.open(QIODevice::ReadOnly) && fb.open(QIODevice::ReadOnly));
        QCOMPARE(fa.readAll(), fb.readAll());
    }

    void noDefaultFdumpRead() {
        QTemporaryDir dir;
        QFile stale(dir.filePath("Fdump.bin"));
        QVERIFY(stale.open(QIODevice::WriteOnly));
        stale.write("0 0 0 0 0 0\n\f");
        stale.close();
        const Run r = runBragg({"simulate", "-cell", "100", "-detpixels", "16"}, dir.path());
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("no structure factors"));
    }
};

QTEST_GUILESS_MAIN(SimulateCliTest)
#include "simulate_cli_test.moc"
