// `bragg compare` as a user runs it: every exit status, the files it writes, summary.json's
// content, SMV input, an external reference program.
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

#include "TestSupport.h"

namespace {

using Run = testsupport::CliRun;

// hooks: bragg-hooked, where the perturbed engines can be named.
Run runBragg(const QStringList& args, const QString& workDir, bool hooks = false) {
    return testsupport::runBragg(
        args, workDir, QProcessEnvironment::systemEnvironment(),
        hooks ? testsupport::BraggBinary::WithHooks : testsupport::BraggBinary::Product);
}

QJsonObject readJson(const QString& path) {
    return QJsonDocument::fromJson(testsupport::readAll(path)).object();
}

QString golden(const QString& caseName, const QString& file) {
    return testsupport::goldenDir() + "/" + caseName + "/" + file;
}

const QStringList kFlags{"-cell", "100",       "100", "100",        "90", "90", "90", "-default_F",
                         "100",   "-distance", "100", "-detpixels", "48", "-N", "5"};

}  // namespace

class CompareCliTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY2(QFile::exists(qEnvironmentVariable("BRAGG_BIN")), "set BRAGG_BIN"); }

    void identicalFilesPassAndWriteEverything() {
        QTemporaryDir dir;
        const QString img = golden("p01_cubic_default_F", "image.f32");  // size from meta.json
        const Run r = runBragg({"compare", img, img, "--outdir", "out", "--diff-f32"}, dir.path());
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("verdict: PASS"));
        for (const char* f : {"summary.json", "reference.png", "candidate.png", "diff.png", "diff.f32"})
            QVERIFY2(QFile::exists(dir.filePath(QString("out/") + f)), f);
        QCOMPARE(testsupport::readAll(dir.filePath("out/reference.png")).left(4), QByteArray("\x89PNG"));
        QCOMPARE(QFileInfo(dir.filePath("out/diff.f32")).size(), 128 * 128 * 4);
        const QJsonObject s = readJson(dir.filePath("out/summary.json"));
        QCOMPARE(s["schema"].toString(), QString("bragg-compare/1"));
        QCOMPARE(s["verdict"].toString(), QString("PASS"));
        const QJsonObject m = s["metrics"].toObject();
        QCOMPARE(m["pearson"].toDouble(), 1.0);
        QCOMPARE(m["sum_reference"].toDouble(), m["sum_candidate"].toDouble());
        QVERIFY(std::fabs(m["sum_reference"].toDouble() - 36714.461544715545) < 1e-6);  // meta.json "sum"
        for (const char* key :
             {"sum_ratio", "max_abs_diff", "max_abs_diff_at", "max_abs_diff_rel", "rmse", "mse"})
            QVERIFY2(m.contains(key), key);
        QVERIFY(s["thresholds"].toObject().contains("pearson_min"));
        QVERIFY(s["peaks"].toObject()["reference"].toInt() > 0);
        QVERIFY(s["roi"].isNull());
        QVERIFY(s["runtimes"].toObject().contains("speedup"));
        QVERIFY(s["binaries"].toObject()["bragg"].toString().endsWith("bragg"));
        QCOMPARE(s["reference"].toObject()["kind"].toString(), QString("file"));
    }

    void smvImagesAndRoi() {
        QTemporaryDir dir;
        const QString img = golden("p01_cubic_default_F", "image.img");
        const Run r =
            runBragg({"compare", img, img, "--roi", "10", "50", "20", "-1", "--outdir", "o"}, dir.path());
        QCOMPARE(r.exitCode, 0);
        const QJsonObject s = readJson(dir.filePath("o/summary.json"));
        QCOMPARE(s["roi"].toObject()["ymax"].toInt(), 127);
        QCOMPARE(s["metrics"].toObject()["pixels"].toInt(), 41 * 108);
    }

    void runModeTimesBothEngines() {
        QTemporaryDir dir;
        const Run r = runBragg(
            QStringList{"compare", "--run", "--engines", "reference,reference", "--outdir", "o", "--"} +
                kFlags,
            dir.path());
        QCOMPARE(r.exitCode, 0);
        const QJsonObject s = readJson(dir.filePath("o/summary.json"));
        QCOMPARE(s["candidate"].toObject()["kind"].toString(), QString("engine"));
        QVERIFY(s["runtimes"].toObject()["reference_seconds"].toDouble() > 0);
        QVERIFY(s["runtimes"].toObject()["speedup"].toDouble() > 0);
        QCOMPARE(s["args"].toObject()["flags"].toArray().size(), kFlags.size());
    }

    void externalReferenceProgram() {
        // A nanoBragg-compatible program: here bragg simulate behind a wrapper script.
        QTemporaryDir dir;
        const QString wrapper =
            testsupport::shellScript(dir, "nanobragg.sh", "exec \"$BRAGG_BIN\" simulate --quiet \"$@\"");
        const Run r = runBragg(QStringList{"compare", "--run", "--reference-bin", wrapper, "--engines",
                                           "reference", "--outdir", "o", "--"} +
                                   kFlags + QStringList{"-floatfile", "ignored.bin"},
                               dir.path());
        QCOMPARE(r.exitCode, 0);
        const QJsonObject s = readJson(dir.filePath("o/summary.json"));
        QCOMPARE(s["reference"].toObject()["kind"].toString(), QString("program"));
        QCOMPARE(s["binaries"].toObject()["reference"].toString(), wrapper);
        QVERIFY(!QFile::exists(dir.filePath("ignored.bin")));   // output flags are not passed on
        QVERIFY(!QFile::exists(dir.filePath("intimage.img")));  // the program ran in a scratch directory
    }

    // A user's port as the candidate: here bragg simulate with one flag changed (another mosaic
    // seed). compare says BLOCKED; bisect names the mosaic.
    void candidatePortIsBlockedAndBisected() {
        QTemporaryDir dir;
        const QString port = testsupport::shellScript(
            dir, "port.sh", "exec \"$BRAGG_BIN\" simulate --quiet \"$@\" -mosaic_seed 777");
        const QStringList flags =
            kFlags + QStringList{"-mosaic", "0.5", "-mosaic_domains", "4", "-mosaic_seed", "5"};
        const Run c = runBragg(QStringList{"compare", "--run", "--candidate-bin", port, "--engines",
                                           "reference", "--outdir", "o", "--"} +
                                   flags,
                               dir.path());
        QVERIFY2(c.exitCode == 3, qPrintable(c.out + c.err));
        const QJsonObject s = readJson(dir.filePath("o/summary.json"));
        QCOMPARE(s["candidate"].toObject()["kind"].toString(), QString("program"));
        QCOMPARE(s["binaries"].toObject()["candidate"].toString(), port);
        QCOMPARE(s["reference"].toObject()["kind"].toString(), QString("engine"));
        const Run b =
            runBragg(QStringList{"bisect", "--candidate-bin", port, "--engines", "optimized", "--"} + flags,
                     dir.path());
        QVERIFY2(b.exitCode == 3, qPrintable(b.out + b.err));
        QVERIFY2(b.out.contains("conclusion: agreement restored by no mosaic alone"), qPrintable(b.out));
        // The same port, faithful: PASS.
        const QString faithful =
            testsupport::shellScript(dir, "faithful.sh", "exec \"$BRAGG_BIN\" simulate --quiet \"$@\"");
        const Run ok = runBragg(QStringList{"compare", "--run", "--candidate-bin", faithful, "--engines",
                                            "reference", "--outdir", "o2", "--"} +
                                    flags,
                                dir.path());
        QVERIFY2(ok.exitCode == 0, qPrintable(ok.out + ok.err));
    }

    // A port with its own interface, run through a command template: flags and output where it
    // wants them, the image as .npy (here bragg simulate's raw output behind a NumPy header).
    void candidateCommandTemplate() {
        QTemporaryDir dir;
        const QString port = testsupport::shellScript(
            dir, "port.sh",
            "out=$2; shift 2\n"
            "\"$BRAGG_BIN\" simulate --quiet -floatfile \"$out.raw\" -nonoise -nopgm \"$@\" || exit 1\n"
            "printf '\\223NUMPY\\001\\000\\166\\000' > \"$out\"\n"
            "printf '%-117s\\n' \"{'descr': '<f4', 'fortran_order': False, 'shape': (48, 48), }\" >> "
            "\"$out\"\n"
            "cat \"$out.raw\" >> \"$out\"");
        const Run r =
            runBragg(QStringList{"compare", "--run", "--candidate-cmd", port + " --out {npyfile} {flags}",
                                 "--engines", "reference", "--outdir", "o", "--"} +
                         kFlags,
                     dir.path());
        QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
        const QJsonObject s = readJson(dir.filePath("o/summary.json"));
        QCOMPARE(s["candidate"].toObject()["kind"].toString(), QString("command"));
        QCOMPARE(s["binaries"].toObject()["candidate"].toString(), port + " --out {npyfile} {flags}");
        // Templates that cannot work are usage errors naming the option.
        for (const QString& bad : {port + " {flags}", port + " --out {npyfile}", port + " '{flags}"}) {
            const Run u = runBragg(
                QStringList{"compare", "--run", "--candidate-cmd", bad, "--engines", "reference", "--"} +
                    kFlags,
                dir.path());
            QVERIFY2(u.exitCode == 1 && u.err.contains("--candidate-cmd: "), qPrintable(bad + ": " + u.err));
        }
    }

    // Each program side gets its own environment.
    void programSideEnvironment() {
        QTemporaryDir dir;
        const QString port = testsupport::shellScript(
            dir, "port.sh",
            "[ \"$PORT_MODE\" = faithful ] || { echo \"PORT_MODE=$PORT_MODE\" >&2; exit 9; }\n"
            "exec \"$BRAGG_BIN\" simulate --quiet \"$@\"");
        const QStringList base{"compare", "--run", "--candidate-bin", port, "--engines", "optimized"};
        const Run ok =
            runBragg(base + QStringList{"--candidate-env", "PORT_MODE=faithful", "--"} + kFlags, dir.path());
        QVERIFY2(ok.exitCode == 0, qPrintable(ok.out + ok.err));
        const Run unset = runBragg(base + QStringList{"--"} + kFlags, dir.path());
        QVERIFY2(unset.exitCode == 2 && unset.err.contains("exited with status 9"), qPrintable(unset.err));
        const Run bad =
            runBragg(base + QStringList{"--candidate-env", "PORT_MODE", "--"} + kFlags, dir.path());
        QVERIFY2(bad.exitCode == 1 && bad.err.contains("--candidate-env: expected NAME=VALUE"),
                 qPrintable(bad.err));
        const Run engine = runBragg(base + QStringList{"--reference-env", "A=1", "--"} + kFlags, dir.path());
        QVERIFY2(engine.exitCode == 1 &&
                     engine.err.contains("--reference-env: the reference side is not a program"),
                 qPrintable(engine.err));
    }

    // A saved image as a side (visual regression): PASS against the engine that made it; a file of
    // another size than the flags' detector is a size mismatch; verbs that re-render refuse it.
    void candidateFileSide() {
        QTemporaryDir dir;
        const Run made = runBragg(QStringList{"simulate", "--quiet", "-floatfile", "saved.f32", "-nonoise",
                                              "-nopgm", "-intfile", "saved.img"} +
                                      kFlags,
                                  dir.path());
        QCOMPARE(made.exitCode, 0);
        const Run r = runBragg(QStringList{"compare", "--run", "--candidate-file", "saved.f32", "--engines",
                                           "optimized", "--outdir", "o", "--"} +
                                   kFlags,
                               dir.path());
        QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
        QVERIFY(r.out.contains("max|diff|   0 at"));
        QCOMPARE(readJson(dir.filePath("o/summary.json"))["candidate"].toObject()["kind"].toString(),
                 QString("file"));
        const Run wrong = runBragg(
            QStringList{"compare", "--run", "--candidate-file", "saved.f32", "--engines", "optimized", "--"} +
                kFlags + QStringList{"-detpixels", "40"},
            dir.path());
        QVERIFY2(wrong.exitCode == 4 && wrong.err.contains("saved.f32 has 9216 bytes"),
                 qPrintable(wrong.err));
        const Run bisect =
            runBragg(QStringList{"bisect", "--candidate-file", "saved.f32", "--"} + kFlags, dir.path());
        QCOMPARE(bisect.exitCode, 1);
    }

    // A program that hangs is killed at --timeout with everything it started (its process group).
    void hangingCandidateIsKilledWithItsChildren() {
        QTemporaryDir dir;
        const QString hang = testsupport::shellScript(
            dir, "hang.sh",
            "sleep 60 &\necho $! > \"" + dir.filePath("child.pid") + "\"\necho started\nwait");
        QElapsedTimer timer;
        timer.start();
        const Run r = runBragg(QStringList{"compare", "--run", "--candidate-bin", hang, "--engines",
                                           "reference", "--timeout", "1", "--"} +
                                   kFlags,
                               dir.path());
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("did not finish within 1 s (--timeout)") && r.err.contains("started"),
                 qPrintable(r.err));
        QVERIFY2(timer.elapsed() < 20000, qPrintable(QString("took %1 ms").arg(timer.elapsed())));
        const QByteArray pid = testsupport::readAll(dir.filePath("child.pid")).trimmed();
        QVERIFY(!pid.isEmpty());
        QTest::qWait(100);
        QVERIFY2(!QFile::exists("/proc/" + pid + "/cmdline") ||
                     testsupport::readAll("/proc/" + pid + "/stat").contains(") Z"),
                 "the program's child survived the timeout");
    }

    void exitCodes_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message");
        const QString p01 = golden("p01_cubic_default_F", "image.f32"),
                      p02 = golden("p02_triclinic_hkl", "image.f32");
        QTest::newRow("usage: unknown option")
            << QStringList{"compare", p01, p01, "--frobnicate"} << 1 << "--frobnicate";
        QTest::newRow("usage: one image") << QStringList{"compare", p01} << 1 << "expected two images";
        QTest::newRow("usage: run without flags")
            << QStringList{"compare", "--run"} << 1 << "needs nanoBragg flags";
        QTest::newRow("usage: bad nanoBragg flag")
            << QStringList{"compare", "--run", "--engines", "reference,reference", "--", "-distanse", "100"}
            << 1 << "did you mean -distance";
        QTest::newRow("usage: unknown engine")
            << QStringList{"compare", "--run", "--engines", "reference,warp", "--"} + kFlags << 1
            << "unknown engine 'warp'";
        QTest::newRow("usage: test hook in the product")
            << QStringList{"compare", "--run", "--engines", "reference,perturbed:beam-centre:reference",
                           "--"} +
                   kFlags
            << 1 << "unknown engine 'perturbed:beam-centre:reference'";
        QTest::newRow("usage: raw size unknown") << QStringList{"compare", "a.bin", "a.bin"} << 1 << "--size";
        QTest::newRow("runner failed")
            << QStringList{"compare", "--run", "--reference-bin", "@fail", "--engines", "reference", "--"} +
                   kFlags
            << 2 << "exited with status 7";
        QTest::newRow("runner wrote nothing")
            << QStringList{"compare", "--run", "--reference-bin", "@silent", "--engines", "reference", "--"} +
                   kFlags
            << 2 << "wrote no float image";
        QTest::newRow("candidate program failed")
            << QStringList{"compare", "--run", "--candidate-bin", "@fail", "--engines", "reference", "--"} +
                   kFlags
            << 2 << "exited with status 7";
        QTest::newRow("candidate program crashed")
            << QStringList{"compare", "--run", "--candidate-bin", "@crash", "--engines", "reference", "--"} +
                   kFlags
            << 2 << "was killed by signal 11";
        QTest::newRow("candidate program silent")
            << QStringList{"compare", "--run", "--candidate-bin", "@silent", "--engines", "reference", "--"} +
                   kFlags
            << 2 << "wrote no float image";
        QTest::newRow("candidate program wrong size")
            << QStringList{"compare", "--run", "--candidate-bin", "@short", "--engines", "reference", "--"} +
                   kFlags
            << 2 << "wrote 100 bytes of float image, expected 48x48 pixels";
        QTest::newRow("candidate program missing")
            << QStringList{"compare",   "--run", "--candidate-bin", "./nonexistent", "--engines",
                           "reference", "--"} +
                   kFlags
            << 1 << "--candidate-bin: './nonexistent' is not an executable file";
        QTest::newRow("below threshold")
            << QStringList{"compare", p01, "scaled.bin", "--size", "128", "128"} << 3 << "FAILED: sum ratio";
        QTest::newRow("size mismatch") << QStringList{"compare", p01, p02} << 4 << "size mismatch";
        QTest::newRow("size mismatch: raw length")
            << QStringList{"compare", p01, p01, "--size", "64", "64"} << 4 << "bytes";
        QTest::newRow("io: missing file")
            << QStringList{"compare", p01, "nonexistent.f32"} << 5 << "nonexistent.f32";
        QTest::newRow("io: unwritable outdir")
            << QStringList{"compare", p01, p01, "--outdir", "a.bin/sub"} << 5 << "a.bin";
    }

    void exitCodes() {
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        QTemporaryDir dir;
        QFile raw(dir.filePath("a.bin"));
        raw.open(QIODevice::WriteOnly);
        raw.write(QByteArray(64, '\0'));
        raw.close();
        // The golden image 0.5% brighter everywhere: perfectly correlated, still BLOCKED.
        QByteArray bytes = testsupport::readAll(golden("p01_cubic_default_F", "image.f32"));
        float* v = reinterpret_cast<float*>(bytes.data());
        for (int i = 0; i < 128 * 128; ++i) v[i] *= 1.005f;
        QFile scaled(dir.filePath("scaled.bin"));
        scaled.open(QIODevice::WriteOnly);
        scaled.write(bytes);
        scaled.close();
        for (QString& a : args) {
            if (a == "@fail") a = testsupport::shellScript(dir, "fail.sh", "echo boom >&2\nexit 7");
            if (a == "@silent") a = testsupport::shellScript(dir, "silent.sh", "exit 0");
            if (a == "@crash")
                a = testsupport::shellScript(dir, "crash.sh", "echo going down >&2\nkill -SEGV $$");
            // The runner passes -floatfile PATH first.
            if (a == "@short")
                a = testsupport::shellScript(dir, "short.sh", "head -c 100 /dev/zero > \"$2\"");
        }
        const Run r = runBragg(args, dir.path());
        QVERIFY2(r.exitCode == exitCode,
                 qPrintable(QString("exit %1\n%2%3").arg(r.exitCode).arg(r.out, r.err)));
        QVERIFY2((r.out + r.err).contains(message), qPrintable(r.out + r.err));
        if (exitCode == 3)
            QVERIFY(QFile::exists(dir.filePath("compare-out/summary.json")));  // written when BLOCKED too
    }

    void helpDocumentsExitCodes() {
        QTemporaryDir dir;
        const Run r = runBragg({"compare", "--help"}, dir.path());
        QCOMPARE(r.exitCode, 0);
        for (const char* line :
             {"0  PASS", "1  usage", "2  a runner failed", "3  BLOCKED", "4  size mismatch", "5  I/O"})
            QVERIFY2(r.out.contains(line), line);
        QVERIFY(runBragg({"--help"}, dir.path()).out.contains("compare"));
    }
};

QTEST_GUILESS_MAIN(CompareCliTest)
#include "compare_cli_test.moc"
