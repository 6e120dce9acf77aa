// `bragg series` spread over processes: Open MPI ranks (mpirun -np 2 --oversubscribe) and the Slurm
// job-array script, each array task's command executed with the variables Slurm sets
// (SLURM_ARRAY_TASK_ID, SLURM_CPUS_PER_TASK) — no Slurm daemons. Outputs must be byte-identical to
// one process (the NeXus file, which states its start_time: every frame's pixels and φ), also
// after a rank killed under mpirun. Heavy (several processes): label "distributed", run once in
// CI's release stage.
#include <unistd.h>

#include <QDirIterator>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>

#include "MpiSupport.h"
#include "SeriesSupport.h"

namespace {

using testsupport::readAll;
using testsupport::runBragg;
using namespace seriessupport;

const QStringList kOwn{"--frames", "6",        "--phi0",          "3",       "--osc",
                       "0.5",      "--format", "smv,float,nexus", "--noise", "-q"};

using Ran = testsupport::CliRun;
using mpisupport::runProgram;

// Frames of about 0.25 s each on one thread (512², 3×3 sub-pixels, four φ steps, eight mosaic
// domains), so that a rank can be killed while the others still render.
QStringList slowSeries(const QStringList& own) {
    QStringList args = series(own);
    args[args.indexOf("-detpixels") + 1] = "512";
    args[args.indexOf("-oversample") + 1] = "3";
    args[args.indexOf("-phisteps") + 1] = "4";
    args[args.indexOf("-mosaic_domains") + 1] = "8";
    return args;
}

// The pid of the child of `parent` whose environment says it is MPI rank `rank`, or 0.
pid_t rankProcess(qint64 parent, int rank) {
    const QByteArray wanted = "OMPI_COMM_WORLD_RANK=" + QByteArray::number(rank);
    for (const QString& entry : QDir("/proc").entryList(QDir::Dirs)) {
        bool numeric = false;
        const pid_t pid = pid_t(entry.toInt(&numeric));
        if (!numeric) continue;
        const QByteArray stat = testsupport::readAll("/proc/" + entry + "/stat");
        const QList<QByteArray> fields = stat.mid(stat.lastIndexOf(')') + 2).split(' ');
        if (fields.size() < 2 || fields[1].toLongLong() != parent) continue;
        if (testsupport::readAll("/proc/" + entry + "/environ").split('\0').contains(wanted)) return pid;
    }
    return 0;
}

// Why the MPI tests cannot run here (empty if they can).
QString whyNoMpi(const QString& dir) {
    return mpisupport::whyNoMpi(series(kOwn + QStringList{"--mpi", "--outdir", "probe"}), dir);
}

}  // namespace

class SeriesDistributedTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY2(QFile::exists(qEnvironmentVariable("BRAGG_BIN")), "set BRAGG_BIN"); }

    void mpiRanksWriteWhatOneProcessWrites() {
        const QString mpirun = mpisupport::mpirun();
        QTemporaryDir dir;
        if (const QString why = whyNoMpi(dir.path()); !why.isEmpty()) QSKIP(qPrintable(why));
        QCOMPARE(runBragg(series(kOwn + QStringList{"--outdir", "one"}), dir.path()).exitCode, 0);
        QStringList args =
            mpisupport::twoRanks() + series(kOwn + QStringList{"--mpi", "--threads", "1", "--outdir", "mpi"});
        const Ran r = runProgram(mpirun, args, dir.path());
        QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
        const QString why = seriesDifference(dir.filePath("one"), dir.filePath("mpi"));
        QVERIFY2(why.isEmpty(), qPrintable(why));
        QCOMPARE(readJson(dir.filePath("mpi/manifest.json"))["frames"].toArray().size(), 6);
        // Run again under MPI: every frame is complete, none is rendered.
        args.replace(args.indexOf("-q"),
                     "--threads");  // progress lines on: "6/6 frames (6 already complete)"
        args.insert(args.indexOf("--threads") + 1, "1");
        const Ran again = runProgram(mpirun, args, dir.path());
        QCOMPARE(again.exitCode, 0);
        QVERIFY2(again.err.contains("series: 6/6 frames (6 already complete)"), qPrintable(again.err));
    }

    // Rank 1 killed (SIGKILL) under mpirun while frames render: mpirun ends the job; every frame is
    // complete or unfinished (no record), none corrupt; rerun under mpirun, only the unfinished ones
    // render, and the series is byte-identical to one process.
    void aRankKilledUnderMpirunLeavesItsFramesUnfinished() {
        const QString mpirun = mpisupport::mpirun();
        QTemporaryDir dir;
        if (const QString why = whyNoMpi(dir.path()); !why.isEmpty()) QSKIP(qPrintable(why));
        const QStringList own{"--frames", "8", "--osc", "0.5", "--threads", "1"};
        QCOMPARE(runBragg(slowSeries(own + QStringList{"-q", "--outdir", "one"}), dir.path()).exitCode, 0);

        QProcess job;
        job.setWorkingDirectory(dir.path());
        job.start(mpirun,
                  mpisupport::twoRanks() + slowSeries(own + QStringList{"--mpi", "-q", "--outdir", "mpi"}));
        QVERIFY(job.waitForStarted());
        const QDir records(dir.filePath("mpi/.series"));
        QElapsedTimer waited;
        waited.start();
        while (records.entryList({"*.json"}, QDir::Files).size() < 2 && waited.elapsed() < 60000)
            QTest::qWait(20);
        const pid_t rank1 = rankProcess(job.processId(), 1);
        QVERIFY2(rank1 > 0, "rank 1's process not found among mpirun's children");
        QCOMPARE(::kill(rank1, SIGKILL), 0);
        QVERIFY(job.waitForFinished(60000));
        QVERIFY2(job.exitStatus() != QProcess::NormalExit || job.exitCode() != 0, "mpirun reported success");
        QVERIFY(!QFile::exists(dir.filePath("mpi/manifest.json")));
        const int complete = int(records.entryList({"*.json"}, QDir::Files).size());
        QVERIFY2(complete >= 2 && complete < 8, qPrintable(QString::number(complete) + " frames complete"));
        qInfo("rank 1 killed: %d of 8 frames complete", complete);
        // A write cut short leaves only a temporary file (io/AtomicFile.h); it is not a frame.
        for (QDirIterator it(dir.filePath("mpi"), {"*.tmp.*"}, QDir::Files | QDir::Hidden,
                             QDirIterator::Subdirectories);
             it.hasNext();)
            QFile::remove(it.next());

        QStringList again =
            mpisupport::twoRanks() + slowSeries(own + QStringList{"--mpi", "--outdir", "mpi"});
        const Ran rerun = runProgram(mpirun, again, dir.path());
        QVERIFY2(rerun.exitCode == 0, qPrintable(rerun.out + rerun.err));
        const QString expected =
            QString("series: 8 frames (%1 rendered, %2 already complete)").arg(8 - complete).arg(complete);
        QVERIFY2(rerun.out.contains(expected), qPrintable(expected + " in: " + rerun.out));
        const QString why = seriesDifference(dir.filePath("one"), dir.filePath("mpi"));
        QVERIFY2(why.isEmpty(), qPrintable(why));
    }

    void slurmArrayTasksWriteWhatOneProcessWrites() {
        QTemporaryDir dir;
        QCOMPARE(runBragg(series(kOwn + QStringList{"--outdir", "one"}), dir.path()).exitCode, 0);
        const auto written = runBragg(
            series(kOwn + QStringList{"--outdir", "arr", "--slurm-script", "job.sh", "--slurm-tasks", "3"}),
            dir.path());
        QVERIFY2(written.exitCode == 0, qPrintable(written.err));
        const QString script = QString::fromUtf8(readAll(dir.filePath("job.sh")));
        QVERIFY2(script.contains("\n#SBATCH --array=0-2\n"), qPrintable(script));
        QVERIFY(
            script.contains("--shard \"${SLURM_ARRAY_TASK_ID}/3\" --threads \"${SLURM_CPUS_PER_TASK:-1}\""));
        QVERIFY(frameFiles(dir.filePath("arr")).isEmpty());  // writing the script renders nothing

        // Each array task as Slurm would start it: its variables set, from another directory.
        QTemporaryDir elsewhere;
        const auto runTask = [&](int task) {
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.insert("SLURM_ARRAY_TASK_ID", QString::number(task));
            env.insert("SLURM_CPUS_PER_TASK", "1");
            return runProgram("/bin/bash", {dir.filePath("job.sh")}, elsewhere.path(), env);
        };
        for (int task : {0, 2}) QCOMPARE(runTask(task).exitCode, 0);
        QCOMPARE(frameFiles(dir.filePath("arr")).size(), 4 * 3);  // frames 0, 2, 3, 5
        // Task 1 "died": merge names it, its rerun completes only its frames.
        const auto early = runBragg({"merge", "arr"}, dir.path());
        QCOMPARE(early.exitCode, 5);
        QVERIFY2(early.err.contains("2 of 6 frames missing: 1, 4 (run shards 1/3 again)"),
                 qPrintable(early.err));
        const QDateTime kept = QFileInfo(dir.filePath("arr/frame_00003.img")).lastModified();
        const Ran task1 = runTask(1);
        QVERIFY2(task1.exitCode == 0, qPrintable(task1.err));
        QCOMPARE(QFileInfo(dir.filePath("arr/frame_00003.img")).lastModified(), kept);
        QCOMPARE(runBragg({"merge", "arr"}, dir.path()).exitCode, 0);
        const QString why = seriesDifference(dir.filePath("one"), dir.filePath("arr"));
        QVERIFY2(why.isEmpty(), qPrintable(why));
    }
};

QTEST_GUILESS_MAIN(SeriesDistributedTest)
#include "series_distributed_test.moc"
