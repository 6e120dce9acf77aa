// "Why they differ" end to end with fake ports: a transposed and a flipped port are named by
// `bragg compare`, the per-pixel gate counts, masks and blocks, and a non-deterministic port is
// reported with its run-to-run noise floor (--repeat-check).
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

#include "TestSupport.h"

namespace {

using testsupport::runBragg;
using testsupport::shellScript;

// Triclinic and misset, so no flip or transpose maps the pattern onto itself.
const QStringList kFlags = QString(
                               "-cell 70 80 90 75 85 95 -misset 10 20 30 -default_F 100 -distance 100 "
                               "-detpixels 64 -N 5 -mosaic 0.5 -mosaic_domains 4")
                               .split(' ');

QJsonObject summary(const QString& path) {
    return QJsonDocument::fromJson(testsupport::readAll(path)).object();
}

// python3 (no numpy): rewrites the fpixels × spixels raw float32 image at argv[1], transposed or
// flipped in slow; with a fifth argument, writes the transpose there as a (fast, slow)-shaped .npy
// instead.
QString transformScript(const QTemporaryDir& dir) {
    const QString py = dir.filePath("transform.py");
    QFile f(py);
    f.open(QIODevice::WriteOnly);
    f.write(R"(import sys, array
path, F, S, mode = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
a = array.array('f'); a.frombytes(open(path, 'rb').read())
if mode == 'transpose': out = [a[fn * F + sn] for sn in range(F) for fn in range(S)]
else: out = [a[(S - 1 - s) * F + f] for s in range(S) for f in range(F)]
data = array.array('f', out).tobytes()
if len(sys.argv) < 6:
    open(path, 'wb').write(data)
    sys.exit(0)
h = "{'descr': '<f4', 'fortran_order': False, 'shape': (%d, %d), }" % (F, S)
h += ' ' * (63 - (10 + len(h)) % 64) + '\n'
open(sys.argv[5], 'wb').write(b'\x93NUMPY\x01\x00' + len(h).to_bytes(2, 'little') + h.encode() + data)
)");
    f.close();
    return py;
}

// A fake port: our reference engine, its -floatfile output then rewritten by `transform`.
QString transformingPort(const QTemporaryDir& dir, const QString& name, const QString& transform,
                         int fpixels = 64, int spixels = 64) {
    return shellScript(dir, name + ".sh",
                       "out=''; prev=''\n"
                       "for a in \"$@\"; do [ \"$prev\" = -floatfile ] && out=\"$a\"; prev=\"$a\"; done\n\"" +
                           qEnvironmentVariable("BRAGG_BIN") +
                           "\" simulate --engine reference --quiet \"$@\" || exit 1\n" + "exec python3 " +
                           transformScript(dir) + " \"$out\" " + QString::number(fpixels) + " " +
                           QString::number(spixels) + " " + transform);
}

// bragg compare --run, the reference engine against the candidate `side` options name.
testsupport::CliRun compareWithEngine(const QTemporaryDir& dir, const QStringList& side,
                                      const QString& outdir, const QStringList& flags) {
    return runBragg(QStringList{"compare", "--run", "--engines", "reference", "--outdir", outdir} + side +
                        QStringList{"--"} + flags,
                    dir.path());
}

void writeFloats(const QString& path, const std::vector<float>& values) {
    QFile f(path);
    f.open(QIODevice::WriteOnly);
    f.write(reinterpret_cast<const char*>(values.data()), qint64(values.size() * sizeof(float)));
}

}  // namespace

class CompareWhyCliTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QVERIFY2(QFile::exists(qEnvironmentVariable("BRAGG_BIN")), "set BRAGG_BIN");
        if (QStandardPaths::findExecutable("python3").isEmpty())
            QSKIP("python3 is needed for the fake ports");
    }

    void transposedAndFlippedPortsAreNamed_data() {
        QTest::addColumn<QString>("transform");
        QTest::addColumn<QString>("named");
        QTest::addColumn<QString>("id");
        QTest::newRow("transposed") << "transpose"
                                    << "candidate is the reference transposed (fast ↔ slow)"
                                    << "transpose";
        QTest::newRow("flipped") << "flip-slow"
                                 << "candidate is the reference flipped in slow"
                                 << "flip-slow";
    }
    void transposedAndFlippedPortsAreNamed() {
        QFETCH(QString, transform);
        QFETCH(QString, named);
        QFETCH(QString, id);
        QTemporaryDir dir;
        const QString port = transformingPort(dir, "port", transform);
        QElapsedTimer timer;
        timer.start();
        const auto r = compareWithEngine(dir, {"--candidate-bin", port}, "o", kFlags);
        qInfo("%s port: bragg compare took %lld ms", qPrintable(transform), timer.elapsed());
        QVERIFY2(r.exitCode == 3, qPrintable(r.out + r.err));
        QVERIFY2(r.out.contains("orientation: " + named + ": pearson 1 after undoing it"), qPrintable(r.out));
        QVERIFY(r.out.contains("diagnosis   " + named));
        const QJsonObject s = summary(dir.filePath("o/summary.json"));
        const QJsonObject o = s["orientation"].toObject();
        QCOMPARE(o["found"].toObject()["orientation"].toString(), id);
        QCOMPARE(o["found"].toObject()["pearson_after"].toDouble(), 1.0);
        QVERIFY(o["pearson_as_is"].toDouble() < 0.9);
        QCOMPARE(o["trials"].toArray().size(), 8);
        QCOMPARE(s["regions"].toObject()["diagnosis"].toObject()["kind"].toString(), QString("orientation"));
        for (const QString& line : r.out.split('\n'))
            if (line.startsWith("  orientation:")) qInfo("report line: %s", qPrintable(line.trimmed()));
    }

    void nonSquareTransposedPorts() {
        // 48 fast x 32 slow. A port writing raw float32 transposed (its file has the right byte
        // count), and one writing a (48 slow, 32 fast) .npy through a command template.
        QTemporaryDir dir;
        const QStringList flags = kFlags.mid(0, kFlags.indexOf("-detpixels")) +
                                  QStringList{"-detpixels_f", "48", "-detpixels_s", "32", "-N", "5"};
        const QString raw = transformingPort(dir, "raw", "transpose", 48, 32);
        auto r = compareWithEngine(dir, {"--candidate-bin", raw}, "o", flags);
        QVERIFY2(r.exitCode == 3, qPrintable(r.out + r.err));
        QVERIFY2(r.out.contains(
                     "orientation: candidate is the reference transposed (fast ↔ slow), its raw data read "
                     "with the reference's 48x32 size: pearson 1 after undoing it"),
                 qPrintable(r.out));

        // npy.sh FLAGS... OUT.npy: the engine's raw image beside OUT, then its transpose as OUT.
        const QString npy =
            shellScript(dir, "npy.sh",
                        "for out; do :; done\ntmp=\"$out.f32\"\n"
                        "for a; do shift; [ \"$a\" = \"$out\" ] || set -- \"$@\" \"$a\"; done\n\"" +
                            qEnvironmentVariable("BRAGG_BIN") +
                            "\" simulate --engine reference --quiet -nopgm -nonoise \"$@\" -floatfile "
                            "\"$tmp\" || exit 1\nexec python3 " +
                            transformScript(dir) + " \"$tmp\" 48 32 transpose \"$out\"");
        r = compareWithEngine(dir, {"--candidate-cmd", "sh " + npy + " {flags} {npyfile}"}, "o2", flags);
        QVERIFY2(r.exitCode == 3, qPrintable(r.out + r.err));
        QVERIFY2(r.out.contains(
                     "orientation: candidate is the reference transposed (fast ↔ slow): pearson 1 after "
                     "undoing it"),
                 qPrintable(r.out));
        QVERIFY(r.out.contains("pearson     1 "));  // compared in the reference's frame
        QVERIFY(summary(dir.filePath("o2/summary.json"))["orientation"].toObject()["sizes_swapped"].toBool());
    }

    void swappedSizeIsNamedNotAMismatch() {
        // A 6x4 reference and its transpose saved as a (6 slow, 4 fast) .npy: compared after undoing it.
        QTemporaryDir dir;
        std::vector<float> a(24), t(24);
        for (int s = 0; s < 4; ++s)
            for (int f = 0; f < 6; ++f)
                a[std::size_t(s * 6 + f)] = float((f * 7 + s * 13) % 17) + 0.01f * float(s * 6 + f);
        for (int s = 0; s < 6; ++s)
            for (int f = 0; f < 4; ++f) t[std::size_t(s * 4 + f)] = a[std::size_t(f * 6 + s)];
        writeFloats(dir.filePath("a.f32"), a);
        QByteArray header = "{'descr': '<f4', 'fortran_order': False, 'shape': (6, 4), }";
        while ((10 + header.size() + 1) % 64) header += ' ';
        header += '\n';
        QFile npy(dir.filePath("b.npy"));
        npy.open(QIODevice::WriteOnly);
        npy.write(QByteArray("\x93NUMPY\x01\x00", 8));
        const quint16 length = quint16(header.size());
        npy.write(reinterpret_cast<const char*>(&length), 2);
        npy.write(header);
        npy.write(reinterpret_cast<const char*>(t.data()), 96);
        npy.close();
        const auto r =
            runBragg({"compare", "a.f32", "b.npy", "--size", "6", "4", "--outdir", "o"}, dir.path());
        QVERIFY2(r.exitCode == 3, qPrintable(r.out + r.err));
        QVERIFY2(
            r.out.contains("orientation: candidate is the reference transposed (fast ↔ slow): pearson 1"),
            qPrintable(r.out));
        QVERIFY(r.out.contains("pearson     1 "));  // the metrics are after undoing it
        QVERIFY(summary(dir.filePath("o/summary.json"))["orientation"].toObject()["sizes_swapped"].toBool());
    }

    void perPixelGateCountsMasksAndBlocks() {
        QTemporaryDir dir;
        const float inf = INFINITY, nan = NAN;
        writeFloats(dir.filePath("r.f32"), {1, 2, 0, 100, 1, -1, inf, nan});
        writeFloats(dir.filePath("c.f32"),
                    {1, 2.01f, 1e-9f, 100.5f, std::nextafter(1.0f, 2.0f), -1, inf, nan});
        // Bad use first: a mask without a gate is a usage error, and nothing is written.
        auto r = runBragg(
            {"compare", "r.f32", "c.f32", "--size", "4", "2", "--outdir", "bad", "--mask-png", "m.png"},
            dir.path());
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("--mask-png: the mask is the per-pixel gate's"), qPrintable(r.err));
        QVERIFY(!QFile::exists(dir.filePath("bad")) && !QFile::exists(dir.filePath("m.png")));

        r = runBragg({"compare", "r.f32", "c.f32", "--size", "4", "2", "--outdir", "o", "--pearson-min", "0",
                      "--atol", "1e-6", "--rtol", "1e-3", "--mask-png", "m.png", "--mask-raw", "m.raw"},
                     dir.path());
        QVERIFY2(r.exitCode == 3, qPrintable(r.out + r.err));
        QVERIFY2(r.out.contains("per-pixel gate: 2 of 8 pixels (25%) fail |c - r| <= 1e-06 + 0.001*|r|, "
                                "first at fast 1 slow 0"),
                 qPrintable(r.out));
        QVERIFY(r.out.contains("FAILED: per-pixel gate: 2 of 8"));
        QVERIFY(r.out.contains(
            "ulp histogram 0:2 1:1 32768..65535:1 65536..131071:1 5.36871e+08..1.07374e+09:1"));
        QCOMPARE(testsupport::readAll(dir.filePath("m.raw")), QByteArray("\0\1\0\1\0\0\0\0", 8));
        QVERIFY(testsupport::readAll(dir.filePath("m.png")).startsWith("\x89PNG"));
        const QJsonObject g = summary(dir.filePath("o/summary.json"))["pixel_gate"].toObject();
        QCOMPARE(g["failing"].toInt(), 2);
        QCOMPARE(g["failing_share"].toDouble(), 0.25);
        QCOMPARE(g["mask_raw"].toString(), QString("m.raw"));
        QCOMPARE(g["ulp_histogram"].toObject()["bins"].toArray().size(), 33);
        QCOMPARE(g["relative_error_histogram"].toObject()["bins"].toArray()[14].toObject()["count"].toInt(),
                 2);
        QCOMPARE(summary(dir.filePath("o/summary.json"))["thresholds"].toObject()["atol"].toDouble(), 1e-6);

        // Loose enough: PASS, an empty mask.
        r = runBragg(
            {"compare", "r.f32", "c.f32", "--size", "4", "2", "--outdir", "o2", "--pearson-min", "0",
             "--sum-ratio-tol", "1", "--peak-distance-max", "-1", "--atol", "1", "--mask-raw", "m2.raw"},
            dir.path());
        QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
        QCOMPARE(testsupport::readAll(dir.filePath("m2.raw")), QByteArray(8, '\0'));
    }

    void parityCasesSetTheGate() {
        QTemporaryDir dir;
        QFile f(dir.filePath("cat.json"));
        f.open(QIODevice::WriteOnly);
        // The reference engine in float32 differs from it at almost every pixel (float32 rounding;
        // the optimized engine may equal it bit for bit, e.g. unvectorized): within rtol 1e-3.
        const QByteArray flags = "-cell 100 100 100 90 90 90 -default_F 100 -distance 100 -detpixels 32 -N 3";
        f.write(R"({"name": "gate", "engines": "reference,reference:f32", "cases": [
            {"id": "close", "flags": ")" +
                flags + R"(", "thresholds": {"rtol": 1e-3}},
            {"id": "exact", "flags": ")" +
                flags + R"(", "thresholds": {"atol": 0, "rtol": 0}}]})");
        f.close();
        const auto r = runBragg({"parity", "cat.json", "--no-bisect", "--outdir", "p"}, dir.path());
        QVERIFY2(r.exitCode == 3, qPrintable(r.out + r.err));
        QVERIFY2(r.out.contains("exact                                BLOCKED"), qPrintable(r.out));
        QVERIFY(r.out.contains("reference vs candidate: per-pixel gate: "));
        const QJsonArray cases = summary(dir.filePath("p/summary.json"))["cases"].toArray();
        const QJsonObject close = cases[0].toObject()["comparison"].toObject()["pixel_gate"].toObject();
        QCOMPARE(close["failing"].toInt(), 0);
        QCOMPARE(close["pixels"].toInt(), 32 * 32);
        QCOMPARE(close["rtol"].toDouble(), 1e-3);
        const QJsonObject exact = cases[1].toObject()["comparison"].toObject()["pixel_gate"].toObject();
        QVERIFY(exact["failing"].toInt() > 0);
        QCOMPARE(exact["ulp_histogram"].toObject()["bins"].toArray()[0].toObject()["count"].toInt(),
                 32 * 32 - exact["failing"].toInt());  // every failing pixel is some ULPs off
        qInfo("reference vs reference-f32, atol 0 rtol 0: %s",
              qPrintable(
                  r.out.split('\n').filter("reference vs candidate: per-pixel gate").value(0).trimmed()));
    }

    void nonDeterministicPortHasANoiseFloor() {
        // A port that draws its mosaic domains with a fresh seed every run (our engine with a random
        // -mosaic_seed), and a deterministic one (the transposing port) for contrast.
        QTemporaryDir dir;
        const QString noisy = shellScript(
            dir, "noisy.sh",
            "seed=$(od -An -N2 -tu2 /dev/urandom | tr -d ' ')\nexec \"" + qEnvironmentVariable("BRAGG_BIN") +
                "\" simulate --engine reference --quiet \"$@\" -mosaic_seed $((seed + 2))");
        QElapsedTimer timer;
        timer.start();
        auto r = compareWithEngine(dir, {"--repeat-check", "--candidate-bin", noisy}, "o", kFlags);
        qInfo("non-deterministic port: bragg compare --repeat-check took %lld ms", timer.elapsed());
        QVERIFY2(r.exitCode == 0 || r.exitCode == 3, qPrintable(r.out + r.err));
        QVERIFY2(r.out.contains("noise floor: candidate is not deterministic: run-to-run pearson"),
                 qPrintable(r.out));
        for (const QString& line : r.out.split('\n'))
            if (line.contains("noise floor:") || line.startsWith("verdict"))
                qInfo("report line: %s", qPrintable(line.trimmed()));
        const QJsonObject n = summary(dir.filePath("o/summary.json"))["noise_floor"].toObject();
        QVERIFY(n["reference"].isNull());  // an engine: not run twice
        const QJsonObject cand = n["candidate"].toObject();
        QCOMPARE(cand["deterministic"].toBool(), false);
        QVERIFY(cand["pearson"].toDouble() < 1 && cand["max_abs_diff"].toDouble() > 0);

        // Parity too: the case's candidate is the noisy port, its floor in the case's comparison.
        QFile catalogue(dir.filePath("cat.json"));
        catalogue.open(QIODevice::WriteOnly);
        catalogue.write(R"({"name": "noise", "candidate": {"bin": ")" + noisy.toUtf8() +
                        R"("}, "cases": [{"id": "mosaic", "flags": ")" + kFlags.join(' ').toUtf8() +
                        R"("}]})");
        catalogue.close();
        r = runBragg({"parity", "cat.json", "--repeat-check", "--no-bisect", "--outdir", "p"}, dir.path());
        QVERIFY2(r.exitCode == 0 || r.exitCode == 3, qPrintable(r.out + r.err));
        QVERIFY2(r.out.contains("noise floor: candidate is not deterministic"), qPrintable(r.out));
        const QJsonObject pc = summary(dir.filePath("p/summary.json"))["cases"].toArray()[0].toObject();
        QCOMPARE(pc["comparison"]
                     .toObject()["noise_floor"]
                     .toObject()["candidate"]
                     .toObject()["deterministic"]
                     .toBool(),
                 false);

        const QString port = transformingPort(dir, "port", "flip-slow");
        r = compareWithEngine(dir, {"--repeat-check", "--candidate-bin", port}, "o2", kFlags);
        QVERIFY2(r.out.contains("noise floor: candidate is deterministic"), qPrintable(r.out));
        r = runBragg(QStringList{"compare", "a", "b", "--repeat-check", "--size", "2", "2"}, dir.path());
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("--repeat-check needs --run"));
    }
};

QTEST_GUILESS_MAIN(CompareWhyCliTest)
#include "compare_why_cli_test.moc"
