// `bragg series` and `bragg merge` in one process: frames, φ per frame in the SMV headers, per-frame
// seeds, the manifest, resuming, sweeps, shards merged, and bad input. (MPI and the Slurm script:
// tests/distributed.)
#include <QTemporaryDir>
#include <QtTest>

#include "SeriesSupport.h"
#include "io/Cbf.h"

namespace {

using testsupport::readAll;
using testsupport::runBragg;
using namespace seriessupport;

double headerValue(const QByteArray& smv, const QString& key) {
    const QRegularExpression re("\n" + key + "=([^;]*);");
    const auto m = re.match(QString::fromLatin1(smv.left(512)));
    return m.hasMatch() ? m.captured(1).toDouble() : qQNaN();
}

// A candidate side that kills the series (its parent, SIGKILL) when asked for the frame at φ = 1°;
// the frames before it complete. `--candidate-cmd "<this> {floatfile} {flags}"`.
QString killerCandidate(const QTemporaryDir& dir) {
    return testsupport::shellScript(
        dir, "killer.sh",
        "out=$1; shift\n"
        "case \" $* \" in *\" -phi 1 \"*) kill -9 $PPID; sleep 5;; esac\n"
        "exec \"$BRAGG_BIN\" simulate -q -nonoise -nopgm \"$@\" -floatfile \"$out\" -intfile port.img");
}

}  // namespace

class SeriesCliTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY2(QFile::exists(qEnvironmentVariable("BRAGG_BIN")), "set BRAGG_BIN"); }

    void rotationFramesCarryTheirPhiSeedAndManifest() {
        QTemporaryDir dir;
        const auto r =
            runBragg(series({"--frames", "3", "--phi0", "10", "--osc", "0.5", "--outdir", "s", "--noise"}),
                     dir.path());
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QString s = dir.filePath("s");
        QCOMPARE(frameFiles(s),
                 QStringList({"frame_00000.bin", "frame_00000.img", "frame_00001.bin", "frame_00001.img",
                              "frame_00002.bin", "frame_00002.img", "frame_noise_00000.img",
                              "frame_noise_00001.img", "frame_noise_00002.img"}));
        const QJsonObject manifest = readJson(s + "/manifest.json");
        const QJsonArray frames = manifest["frames"].toArray();
        QCOMPARE(frames.size(), 3);
        QSet<QString> seeds;
        for (int i = 0; i < 3; ++i) {
            const QJsonObject f = frames[i].toObject();
            const QByteArray img = readAll(s + QString("/frame_0000%1.img").arg(i));
            QCOMPARE(headerValue(img, "PHI"), 10 + 0.5 * i);
            QCOMPARE(headerValue(img, "OSC_START"), 10 + 0.5 * i);
            QCOMPARE(headerValue(img, "OSC_RANGE"), 0.5);
            QCOMPARE(f["frame"].toInt(), i);
            QCOMPARE(f["phi_deg"].toDouble(), 10 + 0.5 * i);
            const QJsonArray flags = f["flags"].toArray();
            QCOMPARE(flags[flags.size() - 1].toString(), QString::number(f["seed"].toInteger()));
            seeds.insert(flags[flags.size() - 1].toString());
            for (const QJsonValue& file : f["files"].toArray()) {
                const QByteArray bytes = readAll(s + "/" + file["path"].toString());
                QCOMPARE(file["bytes"].toInteger(), bytes.size());
                QCOMPARE(file["crc32"].toString(), crc32Hex(bytes));
            }
        }
        QCOMPARE(seeds.size(), 3);  // a noise stream per frame
        QVERIFY(readAll(s + "/frame_00000.bin") != readAll(s + "/frame_00002.bin"));  // the crystal turned
        QVERIFY(r.err.contains("series: 3/3 frames (0 already complete)"));
    }

    // A frame is reproducible alone: `bragg simulate` with the flags its record lists gives its bytes.
    void frameIsItsRecordedFlagsSimulated() {
        QTemporaryDir dir;
        QCOMPARE(runBragg(series({"--frames", "3", "--osc", "0.25", "--noise", "-q"}), dir.path()).exitCode,
                 0);
        const QJsonObject f =
            readJson(dir.filePath("series/manifest.json"))["frames"].toArray()[2].toObject();
        QStringList args{"simulate", "-q"};
        for (const QJsonValue& v : f["flags"].toArray()) args << v.toString();
        args << QStringList{"-floatfile", "f.bin", "-intfile", "i.img", "-noisefile", "n.img", "-nopgm"};
        QCOMPARE(runBragg(args, dir.path()).exitCode, 0);
        QCOMPARE(readAll(dir.filePath("f.bin")), readAll(dir.filePath("series/frame_00002.bin")));
        QCOMPARE(readAll(dir.filePath("i.img")), readAll(dir.filePath("series/frame_00002.img")));
        QCOMPARE(readAll(dir.filePath("n.img")), readAll(dir.filePath("series/frame_noise_00002.img")));
    }

    void resumeRedoesExactlyTheIncompleteFrames() {
        QTemporaryDir dir;
        const QStringList args = series({"--frames", "4", "--osc", "1", "--outdir", "s"});
        QCOMPARE(runBragg(args, dir.path()).exitCode, 0);
        const QString s = dir.filePath("s");
        QMap<QString, QByteArray> before;
        for (const QString& f : frameFiles(s)) before[f] = readAll(s + "/" + f);
        const QDateTime kept = QFileInfo(s + "/frame_00000.img").lastModified();
        {
            QFile truncated(s + "/frame_00001.bin");
            QVERIFY(truncated.resize(100));
        }
        QVERIFY(QFile::remove(s + "/frame_00002.img"));
        QTest::qSleep(20);
        const auto r = runBragg(args, dir.path());
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("4 frames (2 rendered, 2 already complete)"), qPrintable(r.out));
        QCOMPARE(QFileInfo(s + "/frame_00000.img").lastModified(), kept);  // not rewritten
        for (const QString& f : before.keys()) QVERIFY2(readAll(s + "/" + f) == before[f], qPrintable(f));
        // Other flags in the same folder: nothing is complete any more.
        const auto other =
            runBragg(QStringList{"series", "--frames", "4", "--osc", "1", "--outdir", "s", "--"} +
                         kFrameFlags + QStringList{"-distance", "90"},
                     dir.path());
        QVERIFY(other.out.contains("4 frames (4 rendered, 0 already complete)"));
    }

    void sweepChangesTheFlagsPerFrame() {
        QTemporaryDir dir;
        writeFile(dir.filePath("sweep.txt"), "# distance scan\n-distance 80\n\n-distance 120 -lambda 1.5\n");
        const auto r = runBragg(series({"--sweep", "sweep.txt", "--format", "smv", "-q"}), dir.path());
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(frameFiles(dir.filePath("series")), QStringList({"frame_00000.img", "frame_00001.img"}));
        const QByteArray a = readAll(dir.filePath("series/frame_00000.img"));
        const QByteArray b = readAll(dir.filePath("series/frame_00001.img"));
        QCOMPARE(headerValue(a, "DISTANCE"), 80.0);
        QCOMPARE(headerValue(b, "DISTANCE"), 120.0);
        QCOMPARE(headerValue(b, "WAVELENGTH"), 1.5);
        QCOMPARE(headerValue(b, "PHI"), 0.0);  // a sweep without --osc does not rotate

        writeFile(dir.filePath("sweep.txt"), "-distance 80\n-distanse 120\n");
        const auto bad = runBragg(series({"--sweep", "sweep.txt", "--outdir", "bad"}), dir.path());
        QCOMPARE(bad.exitCode, 1);
        QVERIFY2(bad.err.contains("sweep.txt frame 1: unknown flag '-distanse'"), qPrintable(bad.err));
        QVERIFY(!QFile::exists(dir.filePath("bad")));
    }

    void shardsMergeIntoTheOneProcessManifest() {
        QTemporaryDir dir;
        const QStringList own{"--frames", "5", "--osc", "0.5", "-q"};
        QCOMPARE(runBragg(series(own + QStringList{"--outdir", "one"}), dir.path()).exitCode, 0);
        QCOMPARE(runBragg(series(own + QStringList{"--outdir", "sh", "--shard", "0/2"}), dir.path()).exitCode,
                 0);
        // Before the second shard ran: merge names what is missing and writes nothing.
        const auto early = runBragg({"merge", "sh"}, dir.path());
        QCOMPARE(early.exitCode, 5);
        QVERIFY2(early.err.contains("2 of 5 frames missing: 1, 3 (run shards 1/2 again)"),
                 qPrintable(early.err));
        QVERIFY(!QFile::exists(dir.filePath("sh/manifest.json")));
        QCOMPARE(frameFiles(dir.filePath("sh")).size(), 6);  // frames 0, 2, 4 only
        QCOMPARE(runBragg(series(own + QStringList{"--outdir", "sh", "--shard", "1/2"}), dir.path()).exitCode,
                 0);
        const auto merged = runBragg({"merge", "sh"}, dir.path());
        QVERIFY2(merged.exitCode == 0, qPrintable(merged.err));
        const QString why = seriesDifference(dir.filePath("one"), dir.filePath("sh"));
        QVERIFY2(why.isEmpty(), qPrintable(why));
        // A frame changed after its shard finished is caught.
        QFile changed(dir.filePath("sh/frame_00003.bin"));
        QVERIFY(changed.resize(8));
        const auto corrupt = runBragg({"merge", "sh"}, dir.path());
        QCOMPARE(corrupt.exitCode, 5);
        QVERIFY2(corrupt.err.contains("frame_00003.bin: changed since it was written"),
                 qPrintable(corrupt.err));
    }

    // A port with a φ-dependent bug (wrong distance from φ = 1° on): the frames before pass, that
    // one is BLOCKED, the manifest says which, and the images written are the engine's.
    void comparisonSideFindsThePhiDependentFrame() {
        QTemporaryDir dir;
        const QString port =
            testsupport::shellScript(dir, "port.sh",
                                     "out=$1; shift\n"
                                     "case \" $* \" in *\" -phi 1 \"*) bug=\"-distance 101\";; esac\n"
                                     "exec \"$BRAGG_BIN\" simulate -q -nonoise -nopgm \"$@\" $bug -floatfile "
                                     "\"$out\" -intfile port.img");
        const QStringList own{"--frames", "3", "--osc", "0.5", "-q", "--format", "float"};
        const auto r =
            runBragg(series(own + QStringList{"--candidate-cmd", port + " {floatfile} {flags}"}), dir.path());
        QVERIFY2(r.exitCode == 3, qPrintable(r.out + r.err));
        const QJsonArray frames = readJson(dir.filePath("series/manifest.json"))["frames"].toArray();
        QCOMPARE(frames.size(), 3);
        QCOMPARE(frames[0]["verdict"].toString(), QString("PASS"));
        QCOMPARE(frames[1]["verdict"].toString(), QString("PASS"));
        QCOMPARE(frames[1]["metrics"]["pearson"].toDouble(), 1.0);
        QCOMPARE(frames[2]["verdict"].toString(), QString("BLOCKED"));
        QVERIFY(frames[2]["metrics"]["pearson"].toDouble() < 0.99);
        QVERIFY(!frames[2]["failures"].toArray().isEmpty());
        QVERIFY2(r.out.isEmpty(), qPrintable(r.out));  // -q
        // The frames exist now, but not yet compared with another port: all three run again.
        const QString fixed = testsupport::shellScript(
            dir, "fixed.sh",
            "out=$1; shift\n"
            "exec \"$BRAGG_BIN\" simulate -q -nonoise -nopgm \"$@\" -floatfile \"$out\" -intfile port.img");
        const auto again = runBragg(
            series(own + QStringList{"--candidate-cmd", fixed + " {floatfile} {flags}"}), dir.path());
        QCOMPARE(again.exitCode, 0);
        QCOMPARE(readJson(dir.filePath("series/manifest.json"))["frames"]
                     .toArray()[2]
                     .toObject()["verdict"]
                     .toString(),
                 QString("PASS"));
        QCOMPARE(runBragg(series(own + QStringList{"--outdir", "alone"}), dir.path()).exitCode, 0);
        QString why;
        QVERIFY2(sameFrames(dir.filePath("alone"), dir.filePath("series"), &why), qPrintable(why));
    }

    // bragg killed (SIGKILL) while frame 2 renders: frames 0 and 1 are complete, frame 2 has no
    // file under its final name, and the rerun renders frames 2 and 3 only.
    void killedRunLeavesItsFrameUnfinishedNotCorrupt() {
        QTemporaryDir dir;
        const QString killer = killerCandidate(dir);
        const QStringList own{"--frames", "4", "--osc", "0.5", "--outdir", "s"};
        const auto killed = runBragg(
            series(own + QStringList{"--candidate-cmd", killer + " {floatfile} {flags}"}), dir.path());
        QCOMPARE(killed.exitCode, -1);  // died by the signal
        QCOMPARE(frameFiles(dir.filePath("s")),
                 QStringList({"frame_00000.bin", "frame_00000.img", "frame_00001.bin", "frame_00001.img"}));
        QVERIFY(!QFile::exists(dir.filePath("s/manifest.json")));
        const auto rerun = runBragg(series(own), dir.path());
        QCOMPARE(rerun.exitCode, 0);
        QVERIFY2(rerun.out.contains("4 frames (2 rendered, 2 already complete)"), qPrintable(rerun.out));
        QCOMPARE(readJson(dir.filePath("s/manifest.json"))["frames"].toArray().size(), 4);
    }

    // --format cbf,nexus: a miniCBF per frame with the frame's scan, one NXmx file with every frame's
    // pixels and φ start; each frame's data as `bragg simulate` writes it with its recorded flags.
    void cbfAndNexusSeriesCarryEachFramesScan() {
        QTemporaryDir dir;
        const auto r = runBragg(series({"--frames", "3", "--phi0", "10", "--osc", "0.5", "--format",
                                        "cbf,nexus", "--noise", "-q"}),
                                dir.path());
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QString s = dir.filePath("series");
        QCOMPARE(frameFiles(s),
                 QStringList({"frame_00000.cbf", "frame_00001.cbf", "frame_00002.cbf",
                              "frame_noise_00000.cbf", "frame_noise_00001.cbf", "frame_noise_00002.cbf"}));
        QCOMPARE(QDir(s).entryList({"*.h5"}, QDir::Files, QDir::Name),
                 QStringList({"frame.h5", "frame_noise.h5"}));
        QCOMPARE(QDir(s + "/.series").entryList({"*.bin"}, QDir::Files),
                 QStringList());  // staged, then removed
        const NexusFrames nexus = nexusFrames(s + "/frame.h5"), noise = nexusFrames(s + "/frame_noise.h5");
        QCOMPARE(nexus.frames, 3);
        QCOMPARE(noise.frames, 3);
        for (int i = 0; i < 3; ++i) {
            const bragg::io::MiniCbfFile cbf =
                bragg::io::readMiniCbf(s.toStdString() + "/frame_noise_0000" + std::to_string(i) + ".cbf");
            QCOMPARE(cbf.header.startAngleDeg, 10 + 0.5 * i);
            QCOMPARE(cbf.header.angleIncrementDeg, 0.5);
            QCOMPARE(nexus.phiStartDeg[i], 10 + 0.5 * i);
            // The NeXus noise frame holds the miniCBF noise frame's counts.
            const auto* counts = reinterpret_cast<const float*>(noise.pixels[i].constData());
            QCOMPARE(std::vector<float>(counts, counts + cbf.pixels.size()),
                     std::vector<float>(cbf.pixels.begin(), cbf.pixels.end()));
        }
        const QJsonObject f = readJson(s + "/manifest.json")["frames"].toArray()[2].toObject();
        QCOMPARE(f["series_files"].toArray()[0].toObject()["crc32"].toString(), crc32Hex(nexus.pixels[2]));
        QStringList args{"simulate", "-q", "-nopgm", "-nonoise"};
        for (const QJsonValue& v : f["flags"].toArray()) args << v.toString();
        args << QStringList{"-cbffile", "c.cbf", "-cbfnoisefile", "n.cbf", "-nexusfile", "x.h5"};
        QCOMPARE(runBragg(args, dir.path()).exitCode, 0);
        QCOMPARE(bragg::io::readMiniCbf(dir.filePath("c.cbf").toStdString()).pixels,
                 bragg::io::readMiniCbf((s + "/frame_00002.cbf").toStdString()).pixels);
        QCOMPARE(bragg::io::readMiniCbf(dir.filePath("n.cbf").toStdString()).pixels,
                 bragg::io::readMiniCbf((s + "/frame_noise_00002.cbf").toStdString()).pixels);
        QCOMPARE(nexusFrames(dir.filePath("x.h5")).pixels[0], nexus.pixels[2]);
    }

    // A NeXus series killed after two frames has no file yet, only their staged pixels; the rerun
    // renders the other frames and writes the file an uninterrupted run writes. Frames added later,
    // a lost record or a damaged file: only what is not in the file as recorded is rendered again.
    void nexusResumeRendersOnlyWhatTheFileLacks() {
        QTemporaryDir dir;
        const QString killer = killerCandidate(dir);
        const QStringList own{"--osc", "0.5", "--format", "nexus", "--outdir", "s"};
        const QString file = dir.filePath("s/frame.h5");
        const auto killed = runBragg(
            series(own + QStringList{"--frames", "4", "--candidate-cmd", killer + " {floatfile} {flags}"}),
            dir.path());
        QCOMPARE(killed.exitCode, -1);
        QVERIFY(!QFile::exists(file));
        QCOMPARE(QDir(dir.filePath("s/.series")).entryList({"*.h5.bin"}, QDir::Files).size(), 2);

        auto rerun = [&](const QString& frames, const QString& expected) {
            const auto r = runBragg(series(own + QStringList{"--frames", frames}), dir.path());
            QVERIFY2(r.exitCode == 0 && r.out.contains(expected), qPrintable(r.out + r.err));
        };
        rerun("4", "4 frames (2 rendered, 2 already complete)");
        const NexusFrames four = nexusFrames(file);
        QCOMPARE(four.frames, 4);
        QCOMPARE(
            runBragg(series(own + QStringList{"--frames", "4", "--outdir", "u", "-q"}), dir.path()).exitCode,
            0);
        QVERIFY(nexusFrames(dir.filePath("u/frame.h5")) == four);
        QCOMPARE(QDir(dir.filePath("s/.series")).entryList({"*.h5.bin"}, QDir::Files), QStringList());

        const QDateTime written = QFileInfo(file).lastModified();
        QTest::qSleep(20);
        rerun("4", "4 frames (0 rendered, 4 already complete)");
        QCOMPARE(QFileInfo(file).lastModified(), written);  // complete: not rewritten
        rerun("5", "5 frames (1 rendered, 4 already complete)");
        NexusFrames five = nexusFrames(file);
        QCOMPARE(five.frames, 5);
        QCOMPARE(five.phiStartDeg[4], 2.0);
        five.frames = 4, five.pixels.removeLast(), five.phiStartDeg.removeLast();
        QVERIFY(five == four);
        QVERIFY(QFile::remove(dir.filePath("s/.series/frame_000002.json")));
        rerun("5", "5 frames (1 rendered, 4 already complete)");
        {
            QFile damaged(file);
            QVERIFY(damaged.resize(damaged.size() / 2));
        }
        rerun("5", "5 frames (5 rendered, 0 already complete)");
        QCOMPARE(nexusFrames(file).frames, 5);
        rerun("3", "3 frames (0 rendered, 3 already complete)");  // fewer frames: the file follows
        QCOMPARE(nexusFrames(file).pixels, four.pixels.mid(0, 3));
    }

    // Shards stage their frames; bragg merge writes the one NeXus file, the same frames as one process.
    void nexusShardsMergeIntoOneFile() {
        QTemporaryDir dir;
        const QStringList own{"--frames", "5", "--osc", "0.5", "--format", "smv,nexus", "--noise", "-q"};
        QCOMPARE(runBragg(series(own + QStringList{"--outdir", "one"}), dir.path()).exitCode, 0);
        for (const QString shard : {"0/2", "1/2"})
            QCOMPARE(
                runBragg(series(own + QStringList{"--outdir", "sh", "--shard", shard}), dir.path()).exitCode,
                0);
        QVERIFY(!QFile::exists(dir.filePath("sh/frame.h5")));
        const auto merged = runBragg({"merge", "sh"}, dir.path());
        QVERIFY2(merged.exitCode == 0, qPrintable(merged.err));
        QCOMPARE(nexusFrames(dir.filePath("sh/frame.h5")).frames, 5);
        const QString why = seriesDifference(dir.filePath("one"), dir.filePath("sh"));
        QVERIFY2(why.isEmpty(), qPrintable(why));
        QCOMPARE(QDir(dir.filePath("sh/.series")).entryList({"*.bin"}, QDir::Files), QStringList());
        const auto again = runBragg({"merge", "sh"}, dir.path());  // the frames are now in the file
        QVERIFY2(again.exitCode == 0, qPrintable(again.err));
    }

    // What a format cannot state is refused before anything renders, naming --format and the flag.
    void formatsRefuseWhatTheyCannotState() {
        QTemporaryDir dir;
        writeFile(dir.filePath("sweep.txt"), "-distance 80\n-distance 120\n");
        const QList<QPair<QStringList, QString>> cases = {
            {{"--frames", "2", "--osc", "1", "--format", "cbf", "--", "-detector_rotx", "3"},
             "--format cbf: miniCBF cannot express the detector set by -detector_rotx"},
            {{"--frames", "2", "--osc", "1", "--format", "nexus", "--", "-curved_det", "1"},
             "--format nexus: the format cannot express -curved_det"},
            {{"--sweep", "sweep.txt", "--format", "nexus", "--"},
             "--format nexus: frame 1 has another detector, beam or oscillation than frame 0"},
            {{"--frames", "2", "--osc", "1", "--format", "nexus", "--", "-nexus_compression", "lzf"},
             "-nexus_compression: expected one of deflate|bslz4|none, got 'lzf'"},
        };
        for (const auto& [args, message] : cases) {
            const qsizetype split = args.indexOf("--");
            const auto r = runBragg(QStringList{"series", "--outdir", "out"} + args.mid(0, split) +
                                        QStringList{"--"} + kFrameFlags + args.mid(split + 1),
                                    dir.path());
            QVERIFY2(r.exitCode == 1, qPrintable(r.err));
            QVERIFY2(r.err.contains(message), qPrintable(r.err));
            QCOMPARE(r.err.count('\n'), 1);
            QVERIFY(!QFile::exists(dir.filePath("out")));
        }
    }

    void badInputIsOneLineAndWritesNothing() {
        QTemporaryDir dir;
        const QList<QPair<QStringList, QString>> cases = {
            {{"--frames", "0", "--osc", "1"}, "--frames: expected at least 1 frame"},
            {{"--frames", "2"}, "--osc: the oscillation per frame is needed"},
            {{"--frames", "2", "--osc", "1", "--name", "img"}, "--name: 'img' has no '#'"},
            {{"--frames", "2", "--osc", "1", "--format", "tiff"},
             "--format: unknown format 'tiff' (known: smv, float, cbf, nexus)"},
            {{"--frames", "2", "--osc", "1", "--engines", "fast"}, "unknown engine 'fast'"},
            {{"--frames", "2", "--osc", "1", "--shard", "2/2"},
             "--shard: expected I/N with 0 <= I < N, got '2/2'"},
            {{"--frames", "2", "--osc", "1", "--sweep", "nothere.txt"},
             "nothere.txt: cannot read the --sweep file"},
        };
        for (const auto& [own, message] : cases) {
            const auto r = runBragg(series(own + QStringList{"--outdir", "out"}), dir.path());
            QVERIFY2(r.exitCode == (message.contains("cannot read") ? 5 : 1),
                     qPrintable(own.join(' ') + ": " + r.err));
            QVERIFY2(r.err.contains(message), qPrintable(r.err));
            QCOMPARE(r.err.count('\n'), 1);
            QVERIFY(!QFile::exists(dir.filePath("out")));
        }
        const auto noFlags = runBragg({"series", "--frames", "2", "--osc", "1"}, dir.path());
        QCOMPARE(noFlags.exitCode, 1);
        QVERIFY(noFlags.err.contains("no nanoBragg flags after '--'"));
    }
};

QTEST_GUILESS_MAIN(SeriesCliTest)
#include "series_cli_test.moc"
