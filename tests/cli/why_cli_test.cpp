// "Why they differ" from the command line: compare --precision-check with a float32 port (the
// reference:f32 side, or a command running `bragg simulate --precision float32`), and quirk
// attribution in bisect and parity for a port that corrected one of nanoBragg's quirks.
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include "TestSupport.h"

using testsupport::CliRun;
using testsupport::runBragg;

namespace {

QJsonObject readJson(const QString& path) {
    return QJsonDocument::fromJson(testsupport::readAll(path)).object();
}

const QStringList kCubic{"-cell", "100",       "100", "100",        "90", "90", "90", "-default_F",
                         "100",   "-distance", "100", "-detpixels", "48", "-N", "5"};
const QStringList kPhiZero =
    kCubic + QStringList{"-phi", "0", "-osc", "2", "-phisteps", "3", "-mosaic", "1", "-mosaic_domains", "3"};

CliRun timed(const QStringList& args, const QString& dir, const char* what, bool testHooks = false) {
    QElapsedTimer clock;
    clock.start();
    const CliRun r = testHooks ? testsupport::runBraggWithHooks(args, dir) : runBragg(args, dir);
    qInfo("%s: %.2f s", what, clock.elapsed() / 1000.0);
    return r;
}

}  // namespace

class WhyCliTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY2(QFile::exists(qEnvironmentVariable("BRAGG_BIN")), "set BRAGG_BIN"); }

    void precisionCheckNamesTheFloat32Side() {
        QTemporaryDir dir;
        const CliRun r = timed(QStringList{"compare", "--run", "--engines", "reference,reference:f32",
                                           "--precision-check", "--outdir", "o", "--"} +
                                   kPhiZero,
                               dir.path(), "compare --precision-check, reference:f32 side");
        QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));  // Pearson passes
        QVERIFY2(r.out.contains("  reference-f32 agrees with candidate: the difference is what float32"),
                 qPrintable(r.out));
        const QJsonObject p = readJson(dir.filePath("o/summary.json"))["precision"].toObject();
        QVERIFY(p["reference_f32_agrees_with_candidate"].toBool());
        QCOMPARE(p["candidate_vs_reference_f32"].toObject()["max_abs_diff"].toDouble(), 0.0);
        const double pearson = p["reference_f32_vs_reference"].toObject()["pearson"].toDouble();
        QVERIFY(pearson >= 0.9999 && pearson < 1);
        QVERIFY(p["rule"].toString().contains("higher"));
    }

    void precisionCheckNamesAFloat32CommandPort() {
        QTemporaryDir dir;
        const QString port = qEnvironmentVariable("BRAGG_BIN") +
                             " simulate --precision float32 --quiet {flags} -floatfile {floatfile}";
        const CliRun r = timed(QStringList{"compare", "--run", "--engines", "reference", "--candidate-cmd",
                                           port, "--precision-check", "--outdir", "o", "--"} +
                                   kCubic,
                               dir.path(), "compare --precision-check, float32 command port");
        QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
        QVERIFY2(r.out.contains("reference-f32 agrees with candidate"), qPrintable(r.out));
        // The double engine as the candidate is no float32 port.
        const CliRun d = runBragg(QStringList{"compare", "--run", "--engines", "reference,optimized",
                                              "--precision-check", "--outdir", "d", "--"} +
                                      kCubic,
                                  dir.path());
        QVERIFY2(d.out.contains("reference-f32 does not agree with candidate"), qPrintable(d.out));
        QVERIFY(!readJson(dir.filePath("d/summary.json"))["precision"]
                     .toObject()["reference_f32_agrees_with_candidate"]
                     .toBool());
    }

    void precisionErrors() {
        QTemporaryDir dir;
        CliRun r = runBragg({"simulate", "--precision", "float16", "-N", "1"}, dir.path());
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("--precision: expected float64 or float32, got 'float16'"),
                 qPrintable(r.err));
        r = runBragg({"simulate", "--engine", "optimized", "--precision", "float32", "-N", "1"}, dir.path());
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("only the reference engine has a float32 evaluation"), qPrintable(r.err));
        r = runBragg({"compare", "a.bin", "b.bin", "--precision-check"}, dir.path());
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("--precision-check needs --run"), qPrintable(r.err));
        QVERIFY(!QFile::exists(dir.filePath("compare-out")));
    }

    void bisectAttributesTheCorrectedQuirk() {
        QTemporaryDir dir;
        const CliRun r = timed(QStringList{"bisect", "--engines", "reference,reference",
                                           "--candidate-physics", "phi-zero", "--outdir", "o", "--"} +
                                   kPhiZero,
                               dir.path(), "bisect, a port with phi-zero corrected");
        QVERIFY2(r.exitCode == 3, qPrintable(r.out + r.err));
        QVERIFY2(
            r.out.contains("quirk attribution: candidate = original with phi-zero (a phi step at 0 uses the "
                           "unrotated crystal (no carry-over)) corrected"),
            qPrintable(r.out));
        QVERIFY(r.out.contains("conclusion: candidate = original with phi-zero"));
        const QJsonObject q = readJson(dir.filePath("o/bisect.json"))["quirk_attribution"].toObject();
        QCOMPARE(q["attributed"].toArray(), QJsonArray{"phi-zero"});
        QCOMPARE(q["trials"].toArray()[0].toObject()["verdict"].toString(), QString("PASS"));
    }

    void bisectClaimsNoQuirkForAnotherDifference() {
        QTemporaryDir dir;
        const CliRun r = timed(QStringList{"bisect", "--engines", "reference,perturbed:mosaic-seed:reference",
                                           "--outdir", "o", "--"} +
                                   kPhiZero,
                               dir.path(), "bisect, a port with another mosaic seed", true);
        QVERIFY2(r.exitCode == 3, qPrintable(r.out + r.err));
        QVERIFY2(r.out.contains("quirk attribution: no corrected-physics fix explains the difference (tried "
                                "phi-zero"),
                 qPrintable(r.out));
        QVERIFY(!r.out.contains("candidate = original with"));
        QVERIFY(readJson(dir.filePath("o/bisect.json"))["quirk_attribution"]
                    .toObject()["attributed"]
                    .toArray()
                    .isEmpty());
    }

    void parityAttributesPerCase() {
        QTemporaryDir dir;
        QFile f(dir.filePath("cat.json"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(("{\"reference\": {\"engine\": \"reference\"},\n"
                 " \"candidate\": {\"engine\": \"reference\", \"physics\": \"phi-zero\"},\n"
                 " \"cases\": [{\"id\": \"phi\", \"flags\": \"" +
                 kPhiZero.join(' ') + "\"}]}\n")
                    .toUtf8());
        f.close();
        const CliRun r =
            timed({"parity", "cat.json", "--outdir", "out"}, dir.path(), "parity, one blocked case");
        QVERIFY2(r.exitCode == 3, qPrintable(r.out + r.err));
        QVERIFY2(r.out.contains("        quirk attribution: candidate = original with phi-zero"),
                 qPrintable(r.out));
        const QJsonObject c = readJson(dir.filePath("out/summary.json"))["cases"].toArray()[0].toObject();
        QVERIFY(c["quirk_attribution"].toString().startsWith("candidate = original with phi-zero ("));
        QVERIFY(testsupport::readAll(dir.filePath("out/summary.md"))
                    .contains("**Quirk attribution:** candidate = original"));
    }
};

QTEST_GUILESS_MAIN(WhyCliTest)
#include "why_cli_test.moc"
