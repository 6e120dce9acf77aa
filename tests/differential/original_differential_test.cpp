// The differential test against the original program: seeded random command lines across every
// feature family (hunt/ConfigGenerator), each run by the original nanoBragg (one thread, a fresh
// scratch folder) and by both engines. Gates: each engine against the original, Pearson ≥ 0.9999
// and |sum ratio − 1| ≤ 1e-3 over the pixels finite in both, the same non-finite pixels; the
// optimized engine against the reference as optimized_agreement_test (Pearson ≥ 0.999999,
// |sum ratio − 1| ≤ 1e-5, max|Δ| ≤ 1e-4·max). It also counts the configurations where the
// reference engine is within 1 ulp of the original at every pixel.
//
// BRAGG_DIFFERENTIAL_COUNT (default 200) and BRAGG_DIFFERENTIAL_SEED (default below) choose the
// draws; BRAGG_ORIGINAL_BIN the program. Each failure prints its command line, and its folder
// (input files, the command in run.sh) is kept under $BRAGG_ARTIFACT_DIR/differential.
#include <QDir>
#include <QElapsedTimer>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <fstream>

#include "compare/Comparison.h"
#include "core/Error.h"
#include "hunt/ConfigGenerator.h"
#include "io/RawFloat.h"
#include "params/Derive.h"
#include "params/FlagParser.h"
#include "render/Engine.h"

using namespace bragg;

namespace {

constexpr std::uint64_t kDefaultSeed = 20261205;

QString originalProgram() {
    const QString env = qEnvironmentVariable("BRAGG_ORIGINAL_BIN");
    return env.isEmpty() ? QStringLiteral(BRAGG_DEFAULT_ORIGINAL_BIN) : env;
}

std::uint64_t envNumber(const char* name, std::uint64_t fallback) {
    bool ok = false;
    const qulonglong v = qEnvironmentVariable(name).toULongLong(&ok);
    return ok ? v : fallback;
}

// Every pixel equal or one unit in the last place apart (non-finite pixels: the same class).
bool withinOneUlp(const Image& want, const Image& got) {
    for (std::size_t i = 0; i < want.size(); ++i) {
        const float a = want.pixels[i], b = got.pixels[i];
        if (a == b || (std::isnan(a) && std::isnan(b))) continue;
        if (!std::isfinite(a) || !std::isfinite(b) || std::nextafter(a, b) != b) return false;
    }
    return true;
}

struct Outcome {
    bool ran = false;             // the original wrote an image
    QStringList failures;         // empty: agreement
    bool referenceExact = false;  // reference within 1 ulp of the original everywhere
};

}  // namespace

class OriginalDifferentialTest : public QObject {
    Q_OBJECT

    Outcome runOne(const hunt::Configuration& config, const QString& dir) {
        Outcome o;
        for (const hunt::GeneratedFile& f : config.files) {
            std::ofstream out(QDir(dir).filePath(QString::fromStdString(f.name)).toStdString());
            out << f.content;
        }
        QStringList args;
        for (const std::string& flag : config.flags) args << QString::fromStdString(flag);
        args << "-floatfile" << "original.bin" << "-intfile" << "original.img" << "-nonoise" << "-nopgm";
        QProcess p;
        p.setWorkingDirectory(dir);
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("OMP_NUM_THREADS", "1");  // its tricubic scratch array is shared between threads
        p.setProcessEnvironment(env);
        p.setStandardOutputFile(QDir(dir).filePath("original.log"));
        p.setStandardErrorFile(QDir(dir).filePath("original.log"), QIODevice::Append);
        p.start(originalProgram(), args);
        if (!p.waitForFinished(120000)) {
            p.kill();
            p.waitForFinished();
            o.failures << "the original program did not finish in 120 s";
            return o;
        }
        if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0 ||
            !QFile::exists(QDir(dir).filePath("original.bin"))) {
            o.failures << QString("the original program failed (exit %1)").arg(p.exitCode());
            return o;
        }
        o.ran = true;

        Experiment e;
        const QString previous = QDir::currentPath();
        QDir::setCurrent(dir);
        try {
            e = deriveExperiment(parseNanoBraggFlags(config.flags).params);
        } catch (const Error& error) {
            QDir::setCurrent(previous);
            o.failures << QString("bragg refused the flags: %1").arg(error.what());
            return o;
        }
        QDir::setCurrent(previous);
        Image original;
        try {
            original = io::readFloatImage(QDir(dir).filePath("original.bin").toStdString(), e.detector.fpixels,
                                          e.detector.spixels);
        } catch (const Error& error) {
            o.failures << QString("the original's image does not fit the derived detector: %1").arg(error.what());
            return o;
        }
        Thresholds vsOriginal;  // Pearson ≥ 0.9999, |sum ratio − 1| ≤ 1e-3
        vsOriginal.peakDistanceMax = -1;
        Thresholds engines;
        engines.pearsonMin = 0.999999;
        engines.sumRatioTol = 1e-5;
        engines.maxAbsDiffRel = 1e-4;
        engines.peakDistanceMax = -1;
        const Image reference = makeEngine("reference")->render(e);
        const Image optimized = makeEngine("optimized")->render(e);
        const auto check = [&](const char* what, const Image& a, const Image& b, const Thresholds& t) {
            const Comparison c = compareImages(a, b, t);
            for (const std::string& f : c.failures) o.failures << QString("%1: %2").arg(what, QString::fromStdString(f));
        };
        check("reference vs original", original, reference, vsOriginal);
        check("optimized vs original", original, optimized, vsOriginal);
        check("optimized vs reference", reference, optimized, engines);
        o.referenceExact = withinOneUlp(original, reference);
        return o;
    }

    // Keeps a failing case's folder with a script that reruns the original there.
    QString keep(const hunt::Configuration& config, const QString& dir) {
        const QString base = qEnvironmentVariable("BRAGG_ARTIFACT_DIR", QDir::tempPath()) + "/differential";
        const QString target = QString("%1/seed%2-%3").arg(base).arg(config.seed).arg(config.index);
        QDir(target).removeRecursively();
        QDir().mkpath(target);
        for (const QString& name : QDir(dir).entryList(QDir::Files)) QFile::copy(dir + "/" + name, target + "/" + name);
        std::ofstream script((target + "/run.sh").toStdString());
        script << "#!/bin/sh\n# rerun in this folder\nOMP_NUM_THREADS=1 " << originalProgram().toStdString() << " "
               << config.commandLine() << " -floatfile original.bin -nonoise -nopgm\nbragg simulate "
               << config.commandLine() << " -floatfile bragg.bin -nonoise -nopgm\n";
        return target;
    }

private slots:
    void againstTheOriginal() {
        if (!QFile::exists(originalProgram()))
            QSKIP(qPrintable("the original nanoBragg program is absent (" + originalProgram() +
                             "; set BRAGG_ORIGINAL_BIN)"));
        const std::uint64_t seed = envNumber("BRAGG_DIFFERENTIAL_SEED", kDefaultSeed);
        const int count = int(envNumber("BRAGG_DIFFERENTIAL_COUNT", 200));
        qInfo("differential test: seed %llu, %d configurations (BRAGG_DIFFERENTIAL_SEED, BRAGG_DIFFERENTIAL_COUNT)",
              static_cast<unsigned long long>(seed), count);
        QElapsedTimer timer;
        timer.start();
        int passed = 0, exact = 0, ran = 0;
        QStringList report;
        for (int i = 0; i < count; ++i) {
            const hunt::Configuration config = hunt::drawConfiguration(seed, i);
            QTemporaryDir scratch;
            QVERIFY(scratch.isValid());
            const Outcome o = runOne(config, scratch.path());
            ran += o.ran;
            exact += o.referenceExact;
            if (o.failures.isEmpty()) {
                ++passed;
                continue;
            }
            const QString kept = keep(config, scratch.path());
            report << QString("config %1 (seed %2): %3\n    flags: %4\n    folder: %5")
                          .arg(i)
                          .arg(seed)
                          .arg(o.failures.join("; "), QString::fromStdString(config.commandLine()), kept);
        }
        qInfo("differential test: %d of %d agree with the original (%d ran; reference within 1 ulp of the original "
              "at every pixel in %d); %.1f s",
              passed, count, ran, exact, timer.elapsed() / 1000.0);
        for (const QString& line : report) qWarning("%s", qPrintable(line));
        QVERIFY2(report.isEmpty(), qPrintable(QString("%1 of %2 configurations disagree (seed %3)")
                                                  .arg(report.size())
                                                  .arg(count)
                                                  .arg(seed)));
    }
};

QTEST_GUILESS_MAIN(OriginalDifferentialTest)
#include "original_differential_test.moc"
