// `bragg compare`'s region part as a user runs it: --tiles, --shells, --shell-mode, the diagnosis
// line in the text output, the "regions" object of summary.json, and shells skipped without flags.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

#include "TestSupport.h"

namespace {

struct Run {
    int exitCode = -1;
    QString out, err;
};

Run runBragg(const QStringList& args, const QString& workDir) {
    QProcess p;
    p.setWorkingDirectory(workDir);
    p.start(qEnvironmentVariable("BRAGG_BIN"), args);
    p.waitForFinished(120000);
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
            QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
}

QJsonObject readJson(const QString& path) {
    return QJsonDocument::fromJson(testsupport::readAll(path)).object();
}

// MOSFLM: -Xbeam moves the beam centre along slow; 0.05 mm is half a 0.1 mm pixel.
const QStringList kFlags{"-cell", "100",     "100", "100",       "90", "90",         "90",  "-default_F",
                         "100",   "-lambda", "1",   "-distance", "50", "-detpixels", "128", "-pixel",
                         "0.1",   "-N",      "5",   "-misset",   "10", "20",         "30"};

}  // namespace

class CompareRegionsCliTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QVERIFY2(QFile::exists(qEnvironmentVariable("BRAGG_BIN")), "set BRAGG_BIN");
        QVERIFY(dir_.isValid());
        for (const auto& [file, xbeam] : {std::pair{"a.f32", "6.45"}, std::pair{"b.f32", "6.5"}}) {
            const Run r = runBragg(QStringList{"simulate", "--quiet"} + kFlags +
                                       QStringList{"-Xbeam", xbeam, "-nonoise", "-nopgm", "-floatfile", file},
                                   dir_.path());
            QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        }
    }

    // A half-pixel beam-centre shift, with the flags (so shells) and a 4x2 grid of tiles.
    void halfPixelShiftWithGeometry() {
        const Run r = runBragg(QStringList{"compare", "--run", "--reference-file", "a.f32",
                                           "--candidate-file", "b.f32", "--tiles", "4x2", "--shells", "5",
                                           "--shell-mode", "inv-d2", "--outdir", "shift", "--"} +
                                   kFlags + QStringList{"-Xbeam", "6.45"},
                               dir_.path());
        QCOMPARE(r.exitCode, 3);  // BLOCKED: the regions explain, they do not change the verdict
        QVERIFY2(r.out.contains("  diagnosis   candidate is shifted by (+0.00, +0.50) px (fast, slow)"),
                 qPrintable(r.out));
        QVERIFY(r.out.contains("check the beam centre and pix0"));
        QVERIFY(r.out.contains("  tiles       8 of 8 fail (4x2)"));
        const QJsonObject regions = readJson(dir_.filePath("shift/summary.json"))["regions"].toObject();
        QCOMPARE(regions["diagnosis"].toObject()["kind"].toString(), QString("shift"));
        const QJsonObject g = regions["registration"].toObject();
        QVERIFY2(std::fabs(g["shift_slow_px"].toDouble() - 0.5) < 0.05,
                 qPrintable(QString::number(g["shift_slow_px"].toDouble())));
        QVERIFY(std::fabs(g["shift_fast_px"].toDouble()) < 0.05);
        QVERIFY(g["shift_significant"].toBool());
        QVERIFY(g["pearson_shifted"].toDouble() > g["pearson_unshifted"].toDouble());
        const QJsonObject tiles = regions["tiles"].toObject();
        QCOMPARE(tiles["columns"].toInt(), 4);
        QCOMPARE(tiles["rows"].toInt(), 2);
        QCOMPARE(tiles["list"].toArray().size(), 8);
        const QJsonObject last = tiles["list"].toArray()[7].toObject();
        QCOMPARE(last["fast"].toArray()[0].toInt(), 96);
        QCOMPARE(last["fast"].toArray()[1].toInt(), 127);
        QCOMPARE(last["slow"].toArray()[0].toInt(), 64);
        const QJsonObject shells = regions["shells"].toObject();
        QCOMPARE(shells["mode"].toString(), QString("inv-d2"));
        QVERIFY(shells["skipped"].isNull());
        QCOMPARE(shells["list"].toArray().size(), 5);
        // Low resolution first: the first shell's d range lies above the last one's.
        QVERIFY(shells["list"].toArray()[0].toObject()["d_min_a"].toDouble() >
                shells["list"].toArray()[4].toObject()["d_max_a"].toDouble());
        for (const char* key : {"scale", "spots"}) QVERIFY2(regions.contains(key), key);
    }

    // Two files and no flags: no geometry, so no shells, and summary.json says why.
    void filesWithoutGeometrySkipShells() {
        const Run r =
            runBragg({"compare", "a.f32", "a.f32", "--size", "128", "128", "--outdir", "same"}, dir_.path());
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("  shells      skipped: no detector geometry"));
        QVERIFY(!r.out.contains("diagnosis"));  // identical images: nothing to explain
        const QJsonObject regions = readJson(dir_.filePath("same/summary.json"))["regions"].toObject();
        QCOMPARE(regions["shells"].toObject()["skipped"].toString(), QString("no detector geometry"));
        QCOMPARE(regions["shells"].toObject()["list"].toArray().size(), 0);
        QCOMPARE(regions["diagnosis"].toObject()["kind"].toString(), QString("none"));
        QVERIFY(regions["diagnosis"].toObject()["line"].isNull());
        QCOMPARE(regions["tiles"].toObject()["failing"].toInt(), 0);
    }

    // Two SMV files and no flags: the reference's header gives the geometry, so there are shells.
    void smvHeadersGiveShells() {
        for (const auto& [file, xbeam] : {std::pair{"a.img", "6.45"}, std::pair{"b.img", "6.5"}}) {
            const Run s = runBragg(QStringList{"simulate", "--quiet"} + kFlags +
                                       QStringList{"-Xbeam", xbeam, "-nonoise", "-nopgm", "-intfile", file},
                                   dir_.path());
            QVERIFY2(s.exitCode == 0, qPrintable(s.err));
        }
        const Run r =
            runBragg({"compare", "a.img", "b.img", "--shells", "4", "--outdir", "smv"}, dir_.path());
        QVERIFY2(r.exitCode == 3, qPrintable(r.err));
        QVERIFY2(!r.out.contains("skipped"), qPrintable(r.out));
        const QJsonObject shells =
            readJson(dir_.filePath("smv/summary.json"))["regions"].toObject()["shells"].toObject();
        QVERIFY(shells["skipped"].isNull());
        const QJsonArray list = shells["list"].toArray();
        QCOMPARE(list.size(), 4);
        // 128 px of 0.1 mm at 50 mm, λ 1 Å: the farthest corner is at 2θ ≈ atan(√2·6.4/50) = 10.26°, d ≈ 5.59
        // Å.
        const double dMin = list[3].toObject()["d_min_a"].toDouble();
        QVERIFY2(std::fabs(dMin - 5.59) < 0.05, qPrintable(QString::number(dMin)));
    }

    void badRegionOptionsAreUsageErrors() {
        for (const QStringList& bad : {QStringList{"--tiles", "8by8"}, QStringList{"--tiles", "0x4"},
                                       QStringList{"--shells", "0"}, QStringList{"--shell-mode", "linear"}}) {
            const Run r = runBragg(
                QStringList{"compare", "a.f32", "a.f32", "--size", "128", "128", "--outdir", "bad"} + bad,
                dir_.path());
            QVERIFY2(r.exitCode == 1, qPrintable(bad.join(' ') + ": " + r.err));
        }
    }

private:
    QTemporaryDir dir_;
};

QTEST_GUILESS_MAIN(CompareRegionsCliTest)
#include "compare_regions_cli_test.moc"
