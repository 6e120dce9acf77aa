// `bragg parity`: a passing catalogue writes the whole report; a perturbed candidate makes it
// BLOCKED with bisection, images and verdict flips against a baseline; bad catalogues are errors.
// Also checks that the shipped catalogue is valid and its reference side matches the golden images.
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

void writeFile(const QString& path, const QByteArray& text) {
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(text);
}

// Two small cases: a golden case folder (inputs and image found relative to the catalogue) with
// an equivalent spelling, and a mosaic case for the mosaic-seed perturbation.
QByteArray catalogue(const QString& goldenRelative) {
    return QString(R"({
  "name": "test catalogue",
  "thresholds": {"pearson_min": 0.9999, "sum_ratio_tol": 0.001},
  "cases": [
    {"id": "golden_p13", "dir": "%1/p13_round_xtal", "args_file": "args.txt", "extra_flags": "-detpixels 64",
     "equivalent": [{"id": "Na-Nb-Nc", "flags": "-cell 100 100 100 90 90 90 -hkl P1.hkl -default_F 10 -lambda 1 -distance 100 -detpixels 64 -Na 6 -Nb 6 -Nc 6 -round_xtal"}]},
    {"id": "mosaic", "flags": ["-cell", "100", "100", "100", "90", "90", "90", "-default_F", "100", "-distance", "100",
                               "-detpixels", "48", "-N", "5", "-oversample", "1", "-mosaic", "0.8", "-mosaic_domains", "8"]}
  ]
})")
        .arg(goldenRelative)
        .toUtf8();
}

}  // namespace

class ParityCliTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY2(QFile::exists(qEnvironmentVariable("BRAGG_BIN")), "set BRAGG_BIN"); }

    void passingThenBlockedWithFlips() {
        QTemporaryDir dir;
        writeFile(dir.filePath("cat.json"),
                  catalogue(QDir(dir.path()).relativeFilePath(testsupport::goldenDir())));
        Run r = runBragg(
            {"parity", "cat.json", "--engines", "reference,reference", "--outdir", "good", "--repeat", "2"},
            dir.path());
        QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
        for (const char* f : {"summary.json", "summary.md", "env.json", "benchmark_results.json"})
            QVERIFY2(QFile::exists(dir.filePath(QString("good/") + f)), f);
        const QString md = QString::fromUtf8(testsupport::readAll(dir.filePath("good/summary.md")));
        QVERIFY(md.startsWith("# Parity report: PASS"));
        QVERIFY(md.contains("| golden_p13 | **PASS** |"));
        QVERIFY(md.contains("cold/warm"));
        const QJsonObject env =
            QJsonDocument::fromJson(testsupport::readAll(dir.filePath("good/env.json"))).object();
        for (const char* key :
             {"compiler", "cxx_flags", "cpu", "isa_cpu", "openmp_threads", "git_commit", "build_type"})
            QVERIFY2(env.contains(key), key);
        const QJsonObject bench =
            QJsonDocument::fromJson(testsupport::readAll(dir.filePath("good/benchmark_results.json")))
                .object();
        QCOMPARE(bench["cases"].toArray().size(), 2);
        QCOMPARE(bench["cases"].toArray()[0].toObject()["candidate_seconds"].toArray().size(),
                 2);  // --repeat 2

        r = runBragg({"parity", "cat.json", "--engines", "reference,perturbed:mosaic-seed:reference",
                      "--outdir", "bad", "--baseline", "good/summary.json"},
                     dir.path());
        QVERIFY2(r.exitCode == 3, qPrintable(r.out + r.err));
        const QString bad = QString::fromUtf8(testsupport::readAll(dir.filePath("bad/summary.md")));
        QVERIFY(bad.startsWith("# Parity report: BLOCKED"));
        QVERIFY(bad.contains("| mosaic | PASS | BLOCKED | pass → fail |"));
        QVERIFY(bad.contains("### mosaic: BLOCKED"));
        QVERIFY2(bad.contains("**Bisection:** agreement restored by no mosaic alone"), qPrintable(bad));
        QVERIFY2(bad.contains("**Diagnosis:** "), qPrintable(bad));  // the comparison regions' one line
        QVERIFY(QFile::exists(dir.filePath("bad/cases/mosaic/diff.png")));
        QVERIFY(QFile::exists(dir.filePath("bad/cases/mosaic/summary.json")));
        QVERIFY(!QFile::exists(dir.filePath("bad/cases/golden_p13")));  // images only for failures
        const QJsonObject s =
            QJsonDocument::fromJson(testsupport::readAll(dir.filePath("bad/summary.json"))).object();
        QCOMPARE(s["status"].toString(), QString("BLOCKED"));
        QCOMPARE(s["baseline"].toObject()["flips"].toArray().size(), 1);
        for (const QJsonValue& c : s["cases"].toArray()) {
            const QJsonObject regions = c.toObject()["comparison"].toObject()["regions"].toObject();
            QCOMPARE(regions["tiles"].toObject()["list"].toArray().size(), 64);
            QVERIFY(regions["shells"].toObject()["skipped"].isNull());  // the case's flags give the geometry
        }
    }

    // A case naming its own candidate (a fake port: `bragg simulate` with another mosaic seed)
    // runs on it, bisect names the mosaic there; the other case keeps the run's sides.
    void caseSidesAndCatalogueSides() {
        QTemporaryDir dir;
        writeFile(dir.filePath("port.sh"),
                  QString("#!/bin/sh\nexec '%1' simulate --engine reference \"$@\" -mosaic_seed 4321\n")
                      .arg(qEnvironmentVariable("BRAGG_BIN"))
                      .toUtf8());
        QFile::setPermissions(dir.filePath("port.sh"),
                              QFile::permissions(dir.filePath("port.sh")) | QFileDevice::ExeOwner);
        writeFile(dir.filePath("cat.json"), R"({
  "reference": {"engine": "reference"},
  "candidate": {"engine": "reference"},
  "cases": [
    {"id": "plain", "flags": "-cell 100 100 100 90 90 90 -default_F 100 -distance 100 -detpixels 48 -N 5"},
    {"id": "port", "candidate": {"bin": "./port.sh", "timeout": 60},
     "flags": "-cell 100 100 100 90 90 90 -default_F 100 -distance 100 -detpixels 48 -N 5 -oversample 1 -mosaic 0.8 -mosaic_domains 8"}
  ]
})");
        const Run r = runBragg({"parity", "cat.json", "--outdir", "out"}, dir.path());
        QVERIFY2(r.exitCode == 3, qPrintable(r.out + r.err));
        const QJsonArray cases =
            QJsonDocument::fromJson(testsupport::readAll(dir.filePath("out/summary.json")))
                .object()["cases"]
                .toArray();
        QCOMPARE(cases.size(), 2);
        QCOMPARE(cases[0].toObject()["status"].toString(), QString("PASS"));
        QCOMPARE(cases[0].toObject()["candidate"].toObject()["kind"].toString(), QString("engine"));
        const QJsonObject port = cases[1].toObject();
        QCOMPARE(port["status"].toString(), QString("BLOCKED"));
        QCOMPARE(port["candidate"].toObject()["kind"].toString(), QString("program"));
        QVERIFY(port["candidate"].toObject()["name"].toString().endsWith("port.sh"));
        QVERIFY2(r.out.contains("bisect: agreement restored by no mosaic alone"), qPrintable(r.out));
        // The command line's sides replace the catalogue's (not a case's own).
        const Run cli = runBragg(
            {"parity", "cat.json", "--engines", "reference,optimized", "--outdir", "cli"}, dir.path());
        const QJsonArray cliCases =
            QJsonDocument::fromJson(testsupport::readAll(dir.filePath("cli/summary.json")))
                .object()["cases"]
                .toArray();
        QCOMPARE(cliCases[0].toObject()["candidate"].toObject()["name"].toString(), QString("optimized"));
        QCOMPARE(cliCases[1].toObject()["candidate"].toObject()["kind"].toString(), QString("program"));
    }

    void errors_data() {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QStringList>("extra");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message");
        QTest::newRow("not json") << QByteArray("{ cases: ") << QStringList{} << 5 << "not valid JSON";
        QTest::newRow("unknown key") << QByteArray(
                                            R"({"cases": [{"id": "a", "flags": "-N 1", "tresholds": {}}]})")
                                     << QStringList{} << 5 << "unknown key 'tresholds'";
        QTest::newRow("no cases") << QByteArray(R"({"cases": []})") << QStringList{} << 5
                                  << "non-empty array";
        QTest::newRow("missing catalogue")
            << QByteArray() << QStringList{"--only", "x"} << 5 << "missing.json";
        QTest::newRow("bad case flags")
            << QByteArray(R"({"cases": [{"id": "a", "flags": "-N 5 -distanse 1"}]})") << QStringList{} << 3
            << "did you mean -distance";
        QTest::newRow("runner failed")
            << QByteArray(
                   R"({"cases": [{"id": "a", "flags": "-cell 100 100 100 90 90 90 -default_F 1 -detpixels 8"}]})")
            << QStringList{"--reference-bin", "/bin/false", "--engines", "reference"} << 2
            << "exited with status 1";
        QTest::newRow("two kinds of side")
            << QByteArray(
                   R"({"cases": [{"id": "a", "flags": "-N 1", "candidate": {"engine": "reference", "bin": "x"}}]})")
            << QStringList{} << 5 << "case 'a': candidate: give exactly one of 'engine', 'bin' and 'cmd'";
        QTest::newRow("usage") << QByteArray("{}") << QStringList{"--repeat", "0"} << 1 << "--repeat";
    }

    void errors() {
        QFETCH(QByteArray, content);
        QFETCH(QStringList, extra);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        QTemporaryDir dir;
        QString name = "cat.json";
        if (content.isEmpty())
            name = "missing.json";
        else
            writeFile(dir.filePath(name), content);
        const Run r =
            runBragg(QStringList{"parity", name, "--engines", "reference,reference"} + extra, dir.path());
        QVERIFY2(r.exitCode == exitCode, qPrintable(QString::number(r.exitCode) + r.out + r.err));
        const QString all =
            r.out + r.err + QString::fromUtf8(testsupport::readAll(dir.filePath("parity-report/summary.md")));
        QVERIFY2(all.contains(message), qPrintable(all));
    }

    void shippedCatalogueIsValidAndMatchesGolden() {
        // Reference against itself: every case runs, and the reference side reproduces every golden image.
        QTemporaryDir dir;
        // From the environment CTest sets (not __FILE__, which ccache may make relative).
        const QString shipped = qEnvironmentVariable("BRAGG_SOURCE_DIR") + "/resources/parity/catalogue.json";
        const Run r = runBragg(
            {"parity", shipped, "--engines", "reference,reference", "--no-bisect", "--quiet"}, dir.path());
        QVERIFY2(r.exitCode == 0,
                 qPrintable(r.out + r.err + testsupport::readAll(dir.filePath("parity-report/summary.md"))));
        const QJsonObject s =
            QJsonDocument::fromJson(testsupport::readAll(dir.filePath("parity-report/summary.json")))
                .object();
        int golden = 0, equivalents = 0;
        for (const QJsonValue& c : s["cases"].toArray()) {
            if (c.toObject().contains("golden")) ++golden;
            equivalents += c.toObject()["equivalents"].toArray().size();
        }
        QCOMPARE(golden, testsupport::goldenCases().size());
        QVERIFY(equivalents >= 3);
    }
};

QTEST_GUILESS_MAIN(ParityCliTest)
#include "parity_cli_test.moc"
