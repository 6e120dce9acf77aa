// `bragg series` spread over processes: Open MPI ranks (mpirun -np 2 --oversubscribe) and the Slurm
// job-array script, each array task's command executed with the variables Slurm sets
// (SLURM_ARRAY_TASK_ID, SLURM_CPUS_PER_TASK) — no Slurm daemons. Outputs must be byte-identical to
// one process (the NeXus file, which states its start_time: every frame's pixels and φ). Heavy
// (several processes): label "distributed", run once in CI's release stage.
#include <unistd.h>

#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include "SeriesSupport.h"

namespace {

using testsupport::readAll;
using testsupport::runBragg;
using namespace seriessupport;

const QStringList kOwn{"--frames", "6",        "--phi0",          "3",       "--osc",
                       "0.5",      "--format", "smv,float,nexus", "--noise", "-q"};

struct Ran {
    int exitCode = -1;
    QString out, err;
};
Ran runProgram(const QString& program, const QStringList& args, const QString& workDir,
               const QProcessEnvironment& env = QProcessEnvironment::systemEnvironment()) {
    QProcess p;
    p.setWorkingDirectory(workDir);
    p.setProcessEnvironment(env);
    p.start(program, args);
    p.waitForFinished(300000);
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
            QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
}

}  // namespace

class SeriesDistributedTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY2(QFile::exists(qEnvironmentVariable("BRAGG_BIN")), "set BRAGG_BIN"); }

    void mpiRanksWriteWhatOneProcessWrites() {
        const QString mpirun = QStandardPaths::findExecutable("mpirun");
        if (mpirun.isEmpty()) QSKIP("mpirun not found (Debian: openmpi-bin)");
        QTemporaryDir dir;
        const auto probe = runBragg(series(kOwn + QStringList{"--mpi", "--outdir", "probe"}), dir.path());
        if (probe.err.contains("built without MPI")) QSKIP("this bragg was built without MPI");
        QCOMPARE(runBragg(series(kOwn + QStringList{"--outdir", "one"}), dir.path()).exitCode, 0);
        QStringList args{"--oversubscribe", "-np", "2"};
        if (geteuid() == 0) args << "--allow-run-as-root";
        args << qEnvironmentVariable("BRAGG_BIN")
             << series(kOwn + QStringList{"--mpi", "--threads", "1", "--outdir", "mpi"});
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
