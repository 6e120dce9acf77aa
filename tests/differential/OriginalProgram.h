#pragma once
// Running the original nanoBragg program in a scratch folder, for the differential tests.
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QString>
#include <QStringList>

#include <cmath>
#include <string>
#include <vector>

#include "core/Error.h"
#include "core/Image.h"
#include "io/RawFloat.h"

namespace testsupport {

// ../shared/tools/nanoBragg-original/nanoBragg (set at configure time) unless BRAGG_ORIGINAL_BIN
// says otherwise.
inline QString originalProgram() {
    const QString env = qEnvironmentVariable("BRAGG_ORIGINAL_BIN");
    return env.isEmpty() ? QStringLiteral(BRAGG_DEFAULT_ORIGINAL_BIN) : env;
}

struct OriginalRun {
    bool ok = false;
    QString error;  // why not, when !ok
};

// Runs the original with outputs (original.bin, no noise, no PGM) and `flags` in `dir`, one
// OpenMP thread (its tricubic scratch array is shared between threads), its log in original.log.
inline OriginalRun runOriginal(const std::vector<std::string>& flags, const QString& dir,
                               int timeoutMs = 120000) {
    // Output flags first, so `flags` end as written: a trailing -misset_seed N followed by them
    // would also be read as -misset N 0 0 (docs/flags.md §1), which the engines, given `flags`, do not see.
    QStringList args{"-floatfile", "original.bin", "-intfile", "original.img", "-nonoise", "-nopgm"};
    for (const std::string& flag : flags) args << QString::fromStdString(flag);
    QProcess p;
    p.setWorkingDirectory(dir);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("OMP_NUM_THREADS", "1");
    p.setProcessEnvironment(env);
    p.setStandardOutputFile(QDir(dir).filePath("original.log"));
    p.setStandardErrorFile(QDir(dir).filePath("original.log"), QIODevice::Append);
    p.start(originalProgram(), args);
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        return {false, QString("the original program did not finish in %1 s").arg(timeoutMs / 1000)};
    }
    if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
        return {false, QString("the original program failed (exit %1)").arg(p.exitCode())};
    if (!QFile::exists(QDir(dir).filePath("original.bin")))
        return {false, "the original program wrote no image"};
    return {true, {}};
}

inline bragg::Image readOriginalImage(const QString& dir, int fpixels, int spixels) {
    return bragg::io::readFloatImage(QDir(dir).filePath("original.bin").toStdString(), fpixels, spixels);
}

// Pixels more than one unit in the last place apart (non-finite: a different class), and the
// first such index (slow-major).
struct UlpReport {
    std::size_t apart = 0, first = 0;
};
inline UlpReport pixelsBeyondOneUlp(const bragg::Image& want, const bragg::Image& got) {
    UlpReport r;
    for (std::size_t i = 0; i < want.size(); ++i) {
        const float a = want.pixels[i], b = got.pixels[i];
        if (a == b || (std::isnan(a) && std::isnan(b))) continue;
        if (std::isfinite(a) && std::isfinite(b) && std::nextafter(a, b) == b) continue;
        if (r.apart++ == 0) r.first = i;
    }
    return r;
}

}  // namespace testsupport
