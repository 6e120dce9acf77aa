// `bragg compare` on images with NaN / ±inf pixels (golden case p18, where the original writes
// +inf at 6 pixels): shared non-finite pixels agree; any other blocks, named by class and position;
// summary.json carries the counts and positions and never a NaN.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <limits>

#include "TestSupport.h"
#include "core/Image.h"
#include "io/RawFloat.h"

namespace {

const QString kCase = "p18_nonfinite_pixels";

QString caseDir() { return testsupport::goldenDir() + "/" + kCase; }

QJsonObject readJson(const QString& path) {
    return QJsonDocument::fromJson(testsupport::readAll(path)).object();
}

// The golden image with `edit` applied, written to `path`.
template <class Edit>
void writeEdited(const QString& path, Edit edit) {
    bragg::Image image = bragg::io::readFloatImage((caseDir() + "/image.f32").toStdString(), 64, 64);
    edit(image);
    bragg::io::writeFloatImage(path.toStdString(), image);
}

}  // namespace

class CompareNonFiniteCliTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QVERIFY2(QFile::exists(qEnvironmentVariable("BRAGG_BIN")), "set BRAGG_BIN");
        QVERIFY2(QFile::exists(caseDir() + "/image.f32"), qPrintable("golden case missing: " + caseDir()));
    }

    // Engine vs golden, both ways, through files: PASS with the 6 shared +inf pixels reported.
    void engineAgainstGoldenSharesTheInfinities() {
        QTemporaryDir dir;
        QStringList simulate{"simulate", "--quiet", "-floatfile", dir.filePath("engine.f32"),
                             "-nonoise", "-nopgm",  "-intfile",   dir.filePath("engine.img")};
        for (const std::string& a : testsupport::caseArgs(caseDir())) simulate << QString::fromStdString(a);
        const testsupport::CliRun sim = testsupport::runBragg(simulate, caseDir());
        QVERIFY2(sim.exitCode == 0, qPrintable(sim.err));
        for (const QStringList& pair : {QStringList{caseDir() + "/image.f32", dir.filePath("engine.f32")},
                                        QStringList{dir.filePath("engine.f32"), caseDir() + "/image.f32"}}) {
            const testsupport::CliRun r = testsupport::runBragg(
                {"compare", pair[0], pair[1], "--size", "64", "64", "--outdir", dir.filePath("out")},
                dir.path());
            QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
            QVERIFY(r.out.contains(
                "non-finite  reference 0 NaN, 6 +inf, 0 -inf; candidate 0 NaN, 6 +inf, 0 -inf; 6 shared"));
            const QJsonObject s = readJson(dir.filePath("out/summary.json"));
            QCOMPARE(s["verdict"].toString(), QString("PASS"));
            const QJsonObject nonfinite = s["nonfinite"].toObject();
            QCOMPARE(nonfinite["shared"].toInt(), 6);
            QCOMPARE(nonfinite["reference"].toObject()["+inf"].toInt(), 6);
            const QJsonArray first = nonfinite["shared_first"].toArray();
            QCOMPARE(first.size(), 6);
            QCOMPARE(first[0].toObject()["fast"].toInt(), 59);  // meta.json: index 2619 = slow 40, fast 59
            QCOMPARE(first[0].toObject()["slow"].toInt(), 40);
            QCOMPARE(s["metrics"].toObject()["finite_pixels"].toInt(), 64 * 64 - 6);
            QVERIFY(s["metrics"].toObject()["pearson"].toDouble() >= 0.9999);
            QVERIFY(!testsupport::readAll(dir.filePath("out/summary.json")).contains("NaN"));
        }
    }

    void injectedNanIsNamed() {
        QTemporaryDir dir;
        writeEdited(dir.filePath("nan.f32"), [](bragg::Image& im) {
            for (int f : {12, 13, 30}) im.at(f, 40 + (f == 30)) = std::numeric_limits<float>::quiet_NaN();
        });
        const testsupport::CliRun r =
            testsupport::runBragg({"compare", caseDir() + "/image.f32", dir.filePath("nan.f32"), "--size",
                                   "64", "64", "--outdir", dir.filePath("out")},
                                  dir.path());
        QCOMPARE(r.exitCode, 3);  // BLOCKED
        QVERIFY2(r.out.contains(
                     "FAILED: candidate has NaN at 3 pixels where the reference is finite, first at fast 12, "
                     "slow 40"),
                 qPrintable(r.out));
        const QJsonObject s = readJson(dir.filePath("out/summary.json"));
        QCOMPARE(s["verdict"].toString(), QString("BLOCKED"));
        const QJsonObject group = s["nonfinite"].toObject()["mismatches"].toArray()[0].toObject();
        QCOMPARE(group["reference"].toString(), QString("finite"));
        QCOMPARE(group["candidate"].toString(), QString("NaN"));
        QCOMPARE(group["count"].toInt(), 3);
        QCOMPARE(group["first"].toArray().size(), 3);
        QVERIFY(!testsupport::readAll(dir.filePath("out/summary.json")).contains("NaN,"));
    }

    void plusAgainstMinusInfinity() {
        QTemporaryDir dir;
        writeEdited(dir.filePath("minus.f32"), [](bragg::Image& im) { im.at(59, 40) = -INFINITY; });
        const testsupport::CliRun r =
            testsupport::runBragg({"compare", caseDir() + "/image.f32", dir.filePath("minus.f32"), "--size",
                                   "64", "64", "--outdir", dir.filePath("out")},
                                  dir.path());
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(r.out.contains(
                     "candidate has -inf at 1 pixel where the reference has +inf, first at fast 59, slow 40"),
                 qPrintable(r.out));
    }

    // bragg simulate's int image, PGM and noise image of p18 are the original's bytes (NaN, after
    // inf · 0 in the int image or inf − inf in the noise, is written as 0).
    void derivedImagesMatchTheOriginal() {
        const QString original =
            QStringLiteral(BRAGG_DEFAULT_GOLDEN_DIR) + "/../tools/nanoBragg-original/nanoBragg";
        if (!QFile::exists(original)) QSKIP("the original nanoBragg program is absent");
        QTemporaryDir dir;
        QFile::copy(caseDir() + "/P1.hkl", dir.filePath("P1.hkl"));
        QStringList args;
        for (const std::string& a : testsupport::caseArgs(caseDir())) args << QString::fromStdString(a);
        args << "-seed"
             << "7";  // the noise seed would otherwise come from the clock
        QProcess p;
        p.setWorkingDirectory(dir.path());
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("OMP_NUM_THREADS", "1");
        p.setProcessEnvironment(env);
        p.start(original, QStringList{"-floatfile", "o.bin", "-intfile", "o.img", "-pgmfile", "o.pgm",
                                      "-noisefile", "o.noise"} +
                              args);
        QVERIFY(p.waitForFinished(60000) && p.exitCode() == 0);
        const testsupport::CliRun r =
            testsupport::runBragg(QStringList{"simulate", "--quiet", "-floatfile", "b.bin", "-intfile",
                                              "b.img", "-pgmfile", "b.pgm", "-noisefile", "b.noise"} +
                                      args,
                                  dir.path());
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        for (const char* kind : {"img", "pgm", "noise"})
            QVERIFY2(testsupport::readAll(dir.filePath(QString("o.") + kind)) ==
                         testsupport::readAll(dir.filePath(QString("b.") + kind)),
                     kind);
    }

    // The original program as the reference side (a program side whose image holds +inf has not
    // failed: its image is data).
    void originalProgramSideWithInfinities() {
        const QString original =
            QStringLiteral(BRAGG_DEFAULT_GOLDEN_DIR) + "/../tools/nanoBragg-original/nanoBragg";
        if (!QFile::exists(original)) QSKIP("the original nanoBragg program is absent");
        QTemporaryDir dir;
        QStringList args{"compare",   "--run",    "--reference-bin",   original, "--engines",
                         "optimized", "--outdir", dir.filePath("out"), "--"};
        for (const std::string& a : testsupport::caseArgs(caseDir())) args << QString::fromStdString(a);
        const testsupport::CliRun r = testsupport::runBragg(args, caseDir());
        QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
        QVERIFY(r.out.contains("6 shared"));
    }
};

QTEST_GUILESS_MAIN(CompareNonFiniteCliTest)
#include "compare_nonfinite_cli_test.moc"
