#pragma once
// What the tests that start several processes share: running a program, and mpirun's arguments
// for two ranks on this machine.
#include <unistd.h>

#include <QProcess>
#include <QProcessEnvironment>
#include <QStandardPaths>
#include <QString>
#include <QStringList>

#include "TestSupport.h"

namespace mpisupport {

// `program` in `workDir`; exitCode -1 if it died by a signal or timed out.
inline testsupport::CliRun runProgram(
    const QString& program, const QStringList& args, const QString& workDir,
    const QProcessEnvironment& env = QProcessEnvironment::systemEnvironment()) {
    QProcess p;
    p.setWorkingDirectory(workDir);
    p.setProcessEnvironment(env);
    p.start(program, args);
    p.waitForFinished(300000);
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
            QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
}

// mpirun's path, or empty (Debian: openmpi-bin).
inline QString mpirun() { return QStandardPaths::findExecutable("mpirun"); }

// `mpirun <these> bragg …`: two ranks on this machine (more ranks than cores; as root if CI is).
// The program is $BRAGG_BIN, or another (e.g. $BRAGG_HOOKED_BIN) named by its variable.
inline QStringList twoRanks(const char* programVariable = "BRAGG_BIN") {
    QStringList args{"--oversubscribe", "-np", "2"};
    if (geteuid() == 0) args << "--allow-run-as-root";
    return args << qEnvironmentVariable(programVariable);
}

// Why `bragg` cannot be run under mpirun here (empty if it can): no mpirun, or a bragg built
// without MPI (`probe`, a quick command with --mpi, says so outside mpirun).
inline QString whyNoMpi(const QStringList& probe, const QString& workDir) {
    if (mpirun().isEmpty()) return "mpirun not found (Debian: openmpi-bin)";
    if (testsupport::runBragg(probe, workDir).err.contains("built without MPI"))
        return "this bragg was built without MPI";
    return {};
}

}  // namespace mpisupport
