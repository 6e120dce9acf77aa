// DIALS, a reader no one here wrote, processes our data sets as a crystallographer would: a
// 20-frame rotation series written by `bragg series --noise` in SMV, miniCBF (20 files each) and
// NeXus (one file) is imported as one sweep, spot-found and indexed, and the refined cell is the
// simulated one within 0.1 %. For a
// rotated, two-theta detector in NeXus, DIALS's panel (origin, fast, slow) maps pixels to the lab
// where ours does, within 1e-6 mm. Heavy (about a minute): label `dials`, run once in CI's release
// stage; skipped with a message where DIALS is absent.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <array>
#include <tuple>
#include <cmath>

#include "TestSupport.h"
#include "params/Derive.h"
#include "params/FlagParser.h"

namespace {

// Small frames, sharp (round-crystal) spots with a little mosaicity and water background, five φ
// steps per 0.5° frame so that every reflection crossing the Ewald sphere is caught.
// clang-format off
const QStringList kSeries{"-cell", "50", "60", "70", "90", "90", "90", "-default_F", "20", "-N", "20",
                          "-round_xtal", "-lambda", "1", "-distance", "75", "-pixel", "0.3",
                          "-detpixels", "256", "-oversample", "1", "-osc", "0.5", "-phisteps", "5",
                          "-mosaic", "0.2", "-mosaic_dom", "10", "-water", "0.02", "-nopgm"};
// clang-format on
constexpr int kFrames = 20;

struct Shell {
    int exitCode = -1;
    QString out;
};

Shell shell(const QString& script, const QString& workDir) {
    QProcess p;
    p.setWorkingDirectory(workDir);
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start("bash", {"-c", script});
    p.waitForFinished(600000);
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
            QString::fromUtf8(p.readAllStandardOutput())};
}

QJsonObject readJson(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

std::array<double, 3> vec(const QJsonValue& v) {
    const QJsonArray a = v.toArray();
    return {a[0].toDouble(), a[1].toDouble(), a[2].toDouble()};
}

double length(const std::array<double, 3>& v) { return std::sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]); }

// dials.import → find_spots → index, for each format in its own folder, the three at once (CI
// has two cores; DIALS spends much of its time starting up). The detector and beam of miniCBF and
// NeXus stay as the file states them (fixed in refinement): on a 10° wedge DIALS would trade
// distance against cell size, and a wrong geometry in the file must show as a wrong cell. SMV's
// are refined, as a user would: DIALS places nanoBragg's SMV header beam centre half a pixel off
// in both directions (the header is nanoBragg's, formats.md §6).
const char* const kFormats[3] = {"SMV", "CBF", "NeXus"};
const char* const kImport[3] = {"template=../files/frame_noise_#####.img",
                                "template=../files/frame_noise_#####.cbf", "../nxs/frame_noise.h5"};
// DIALS's NXmx reader needs a sensor thickness (it always corrects for parallax).
const QStringList kNexusSensor{"-detector_thick", "100"};

QString pipeline(int format) {
    const QString fix = format == 0 ? "" : " detector.fix=all beam.fix=all";
    return QString(
               "(mkdir -p %1 && cd %1 && dials.import %2 output.experiments=imported.expt > import.txt 2>&1 "
               "&&"
               " dials.find_spots imported.expt output.reflections=strong.refl nproc=1"
               " max_strong_pixel_fraction=0.5 > find.txt 2>&1 &&"
               " dials.index imported.expt strong.refl indexing.method=fft1d%3 > index.txt 2>&1"
               " || echo '%1 failed')")
        .arg(kFormats[format], kImport[format], fix);
}

// One sweep of kFrames images, and the refined cell within 0.1 % of 50, 60, 70 Å.
void checkProcessed(const QString& dir, int format) {
    const char* name = kFormats[format];
    const QJsonObject imported = readJson(dir + "/imported.expt");
    QCOMPARE(imported["imageset"].toArray().size(), 1);
    const QJsonArray range = imported["scan"].toArray()[0].toObject()["image_range"].toArray();
    QCOMPARE(range[1].toInt() - range[0].toInt() + 1, kFrames);
    const QJsonObject crystal = readJson(dir + "/indexed.expt")["crystal"].toArray()[0].toObject();
    std::array<double, 3> cell{length(vec(crystal["real_space_a"])), length(vec(crystal["real_space_b"])),
                               length(vec(crystal["real_space_c"]))};
    std::sort(cell.begin(), cell.end());
    const QString spots = shell("grep -o 'Saved [0-9]* reflections' find.txt", dir).out.trimmed();
    const QString indexed = shell("grep -m1 -o 'model 1 ([0-9]* reflections)' index.txt", dir).out.trimmed();
    qInfo("%s: %s, indexed %s, refined cell %.3f %.3f %.3f", name, qPrintable(spots), qPrintable(indexed),
          cell[0], cell[1], cell[2]);
    const double simulated[3] = {50, 60, 70};
    for (int i = 0; i < 3; ++i)
        QVERIFY2(std::abs(cell[i] / simulated[i] - 1) < 1e-3,
                 qPrintable(
                     QString("%1: cell %2 is not %3 within 0.1 %").arg(name).arg(cell[i]).arg(simulated[i])));
}

}  // namespace

class DialsProcessTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        if (QStandardPaths::findExecutable("dials.import").isEmpty())
            QSKIP("DIALS is not installed (Debian package dials; CI installs it)");
        QVERIFY2(QFile::exists(qEnvironmentVariable("BRAGG_BIN")), "set BRAGG_BIN");
    }

    void seriesInEachFormat() {
        QTemporaryDir dir;
        // The noise images (what a detector records), frame i at φ = i·0.5°.
        for (const auto& [format, outdir, extra] :
             {std::tuple{"smv,cbf", "files", QStringList{}}, std::tuple{"nexus", "nxs", kNexusSensor}}) {
            const testsupport::CliRun r = testsupport::runBragg(
                QStringList{"series", "--frames", QString::number(kFrames), "--phi0", "0", "--format", format,
                            "--noise", "--outdir", outdir, "-q", "--"} +
                    kSeries + extra,
                dir.path());
            QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        }
        const Shell run =
            shell(pipeline(0) + " & " + pipeline(1) + " & " + pipeline(2) + " & wait", dir.path());
        QVERIFY2(!run.out.contains("failed"),
                 qPrintable(run.out + shell("tail -n 4 */*.txt", dir.path()).out));
        for (int format = 0; format < 3; ++format) checkProcessed(dir.filePath(kFormats[format]), format);
    }

    void nexusRotatedTwoThetaDetectorMapsPixelsLikeOurs() {
        QTemporaryDir dir;
        const QStringList geometry =
            QStringList{"-detector_rotx", "4",  "-detector_roty", "-3",    "-detector_rotz", "7",
                        "-twotheta",      "15", "-pivot",         "sample"} +
            kNexusSensor;
        const testsupport::CliRun r =
            testsupport::runBragg(QStringList{"simulate"} + kSeries + geometry +
                                      QStringList{"-nexusfile", "tilted_0001.h5", "--quiet"},
                                  dir.path());
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const Shell run = shell("dials.import tilted_0001.h5 output.experiments=tilted.expt", dir.path());
        QVERIFY2(run.exitCode == 0, qPrintable(run.out));
        const QJsonObject panel = readJson(dir.filePath("tilted.expt"))["detector"]
                                      .toArray()[0]
                                      .toObject()["panels"]
                                      .toArray()[0]
                                      .toObject();
        const auto origin = vec(panel["origin"]), fast = vec(panel["fast_axis"]),
                   slow = vec(panel["slow_axis"]);
        const double pixelMm = panel["pixel_size"].toArray()[0].toDouble();

        // Ours: nanoBragg's pixel corners in its MOSFLM lab frame, written in DIALS's (imgCIF) frame
        // by hand: x = lab z (the φ axis), y = lab y, z = −lab x (the beam runs along lab +x).
        std::vector<std::string> flags;
        for (const QString& a : kSeries + geometry) flags.push_back(a.toStdString());
        const bragg::Experiment e = bragg::deriveExperiment(bragg::parseNanoBraggFlags(flags).params);
        const auto& d = e.detector;
        auto toDials = [](const bragg::Vec3& lab) { return bragg::Vec3(lab.z(), lab.y(), -lab.x()); };
        double worstMm = 0;
        for (const auto& [f, s] : {std::pair{0, 0}, std::pair{256, 0}, std::pair{0, 256}, std::pair{256, 256},
                                   std::pair{100, 37}}) {
            const bragg::Vec3 ours =
                toDials((d.pix0 + f * d.pixelSize * d.fdet + s * d.pixelSize * d.sdet) * 1e3);
            for (int i = 0; i < 3; ++i) {
                const double theirs = origin[i] + f * pixelMm * fast[i] + s * pixelMm * slow[i];
                worstMm = std::max(worstMm, std::abs(theirs - ours[i]));
            }
        }
        qInfo("NeXus, rotated two-theta detector: largest pixel-to-lab difference %.3g mm", worstMm);
        QVERIFY2(worstMm < 1e-6, qPrintable(QString("DIALS maps a pixel %1 mm away from ours").arg(worstMm)));
    }
};

QTEST_GUILESS_MAIN(DialsProcessTest)
#include "dials_process_test.moc"
