#pragma once
// Helpers shared by the Qt tests: golden case discovery and loading.
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <string>
#include <vector>

namespace testsupport {

// ../shared/golden beside the source tree (set at configure time) unless the environment
// variable BRAGG_GOLDEN_DIR says otherwise.
inline QString goldenDir() {
    const QString dir = qEnvironmentVariable("BRAGG_GOLDEN_DIR");
    return dir.isEmpty() ? QStringLiteral(BRAGG_DEFAULT_GOLDEN_DIR) : dir;
}

inline QStringList goldenCases() {
    QDir dir(goldenDir());
    QStringList cases;
    for (const QString& name : dir.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name))
        if (QFile::exists(dir.filePath(name + "/args.txt"))) cases << name;
    return cases;
}

inline std::vector<std::string> caseArgs(const QString& caseDir) {
    QFile f(caseDir + "/args.txt");
    if (!f.open(QIODevice::ReadOnly)) return {};
    std::vector<std::string> args;
    for (const QString& token :
         QString::fromUtf8(f.readAll()).split(QRegularExpression("\\s+"), Qt::SkipEmptyParts))
        args.push_back(token.toStdString());
    return args;
}

inline QJsonObject caseMeta(const QString& caseDir) {
    QFile f(caseDir + "/meta.json");
    if (!f.open(QIODevice::ReadOnly)) return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

inline QByteArray readAll(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// An executable /bin/sh script `name` in `dir` running `body` (a fake program or port).
inline QString shellScript(const QTemporaryDir& dir, const QString& name, const QString& body) {
    const QString path = dir.filePath(name);
    QFile f(path);
    f.open(QIODevice::WriteOnly);
    f.write(("#!/bin/sh\n" + body + "\n").toUtf8());
    f.close();
    f.setPermissions(f.permissions() | QFile::ExeOwner);
    return path;
}

// Runs bragg in workDir and collects exit code and output: the product ($BRAGG_BIN) or
// bragg-hooked ($BRAGG_HOOKED_BIN: the same verbs with the perturbed engines of tests/hooks).
struct CliRun {
    int exitCode = -1;  // -1 if it crashed or timed out
    QString out, err;
};
enum class BraggBinary { Product, WithHooks };
inline CliRun runBragg(const QStringList& args, const QString& workDir,
                       const QProcessEnvironment& env = QProcessEnvironment::systemEnvironment(),
                       BraggBinary binary = BraggBinary::Product) {
    QProcess p;
    p.setWorkingDirectory(workDir);
    p.setProcessEnvironment(env);
    p.start(qEnvironmentVariable(binary == BraggBinary::WithHooks ? "BRAGG_HOOKED_BIN" : "BRAGG_BIN"), args);
    p.waitForFinished(300000);
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
            QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
}
// With the perturbed engines (perturbed:<kind>:<engine>) nameable.
inline CliRun runBraggWithHooks(const QStringList& args, const QString& workDir) {
    return runBragg(args, workDir, QProcessEnvironment::systemEnvironment(), BraggBinary::WithHooks);
}

}  // namespace testsupport
