// The differential test against the original program: seeded random command lines across every
// feature family (hunt/ConfigGenerator), each run by the original nanoBragg (one thread, a fresh
// scratch folder) and by both engines. Gates: each engine against the original, Pearson ≥ 0.9999
// and |sum ratio − 1| ≤ 1e-3 over the pixels finite in both, the same non-finite pixels; the
// optimized engine against the reference as optimized_agreement_test (Pearson ≥ 0.999999,
// |sum ratio − 1| ≤ 1e-5, max|Δ| ≤ 1e-4·max|reference|); and the reference engine within 1 ulp of
// the original at every pixel (its gate: README "Fidelity …"). The set-up the original prints
// (setup/SetupOf parsePrintout) must equal the one derived here (setupOf), quantity by quantity.
//
// BRAGG_DIFFERENTIAL_COUNT (default 200) and BRAGG_DIFFERENTIAL_SEED (default below) choose the
// draws; BRAGG_ORIGINAL_BIN the program. Each failure prints its command line, and its folder
// (input files, the command in run.sh) is kept under $BRAGG_ARTIFACT_DIR/differential.
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QtTest>

#include <fstream>

#include "OriginalProgram.h"
#include "compare/Comparison.h"
#include "hunt/ConfigGenerator.h"
#include "params/Derive.h"
#include "params/FlagParser.h"
#include "render/Engine.h"
#include "setup/SetupOf.h"

using namespace bragg;
using testsupport::originalProgram;

namespace {

constexpr std::uint64_t kDefaultSeed = 20261205;

std::uint64_t envNumber(const char* name, std::uint64_t fallback) {
    bool ok = false;
    const qulonglong v = qEnvironmentVariable(name).toULongLong(&ok);
    return ok ? v : fallback;
}

struct Outcome {
    bool ran = false;             // the original wrote an image
    bool signal = false;          // …with some non-zero pixel
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
        const testsupport::OriginalRun run = testsupport::runOriginal(config.flags, dir);
        if (!run.ok) {
            o.failures << run.error;
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
            original = testsupport::readOriginalImage(dir, e.detector.fpixels, e.detector.spixels);
        } catch (const Error& error) {
            o.failures
                << QString("the original's image does not fit the derived detector: %1").arg(error.what());
            return o;
        }
        QFile log(QDir(dir).filePath("original.log"));
        log.open(QIODevice::ReadOnly);
        const setup::Setup printed = setup::parsePrintout(log.readAll().toStdString());
        const std::vector<setup::Difference> setupDiffs = setup::compareSetups(printed, setup::setupOf(e));
        // Printed on every run: all but µ (a thick sensor only), interpolation (when auto only) and
        // the Kahn factor (not with -nopolar).
        const auto optional = [&](const std::string& name) {
            return name == "sensor_mu_per_m" || name == "interpolation" ||
                   (name == "kahn_factor" && e.beam.noPolar);
        };
        for (const setup::QuantityInfo& q : setup::quantities())
            if (!printed.find(q.name) && !optional(q.name))
                o.failures << QString("set-up: the original's printout has no %1").arg(q.name);
        if (!setupDiffs.empty())
            o.failures << QString("set-up differs: %1")
                              .arg(QString::fromStdString(setup::differencesText(setupDiffs, 99)));
        Thresholds vsOriginal;  // Pearson ≥ 0.9999, |sum ratio − 1| ≤ 1e-3
        vsOriginal.peakDistanceMax = -1;
        Thresholds engines;
        engines.pearsonMin = 0.999999;
        engines.sumRatioTol = 1e-5;
        engines.maxAbsDiffRel = 1e-4;
        engines.peakDistanceMax = -1;
        for (float v : original.pixels) o.signal |= v != 0;
        const Image reference = makeEngine("reference")->render(e);
        const Image optimized = makeEngine("optimized")->render(e);
        const auto check = [&](const char* what, const Image& a, const Image& b, const Thresholds& t) {
            const Comparison c = compareImages(a, b, t);
            for (const std::string& f : c.failures)
                o.failures << QString("%1: %2").arg(what, QString::fromStdString(f));
        };
        check("reference vs original", original, reference, vsOriginal);
        check("optimized vs original", original, optimized, vsOriginal);
        check("optimized vs reference", reference, optimized, engines);
        // The reference engine's own gate is the original's image to the last bit (README "Fidelity …").
        const testsupport::UlpReport ulp = testsupport::pixelsBeyondOneUlp(original, reference);
        o.referenceExact = ulp.apart == 0;
        if (!o.referenceExact)
            o.failures
                << QString("reference vs original: %1 pixels more than 1 ulp apart, first at fast %2 slow %3")
                       .arg(ulp.apart)
                       .arg(ulp.first % std::size_t(original.fpixels))
                       .arg(ulp.first / std::size_t(original.fpixels));
        return o;
    }

    // Keeps a failing case's folder with a script that reruns the original there.
    QString keep(const hunt::Configuration& config, const QString& dir) {
        const QString base = qEnvironmentVariable("BRAGG_ARTIFACT_DIR", QDir::tempPath()) + "/differential";
        const QString target = QString("%1/seed%2-%3").arg(base).arg(config.seed).arg(config.index);
        QDir(target).removeRecursively();
        QDir().mkpath(target);
        for (const QString& name : QDir(dir).entryList(QDir::Files))
            QFile::copy(dir + "/" + name, target + "/" + name);
        std::ofstream script((target + "/run.sh").toStdString());
        script << "#!/bin/sh\n# rerun in this folder\nOMP_NUM_THREADS=1 " << originalProgram().toStdString()
               << " -floatfile original.bin -nonoise -nopgm " << config.commandLine()
               << "\nbragg simulate -floatfile bragg.bin -nonoise -nopgm " << config.commandLine() << "\n";
        return target;
    }

private slots:
    void againstTheOriginal() {
        if (!QFile::exists(originalProgram()))
            QSKIP(qPrintable("the original nanoBragg program is absent (" + originalProgram() +
                             "; set BRAGG_ORIGINAL_BIN)"));
        const std::uint64_t seed = envNumber("BRAGG_DIFFERENTIAL_SEED", kDefaultSeed);
        const int count = int(envNumber("BRAGG_DIFFERENTIAL_COUNT", 200));
        qInfo(
            "differential test: seed %llu, %d configurations (BRAGG_DIFFERENTIAL_SEED, "
            "BRAGG_DIFFERENTIAL_COUNT)",
            static_cast<unsigned long long>(seed), count);
        QElapsedTimer timer;
        timer.start();
        int passed = 0, exact = 0, ran = 0, signal = 0;
        QStringList report;
        for (int i = 0; i < count; ++i) {
            const hunt::Configuration config = hunt::drawConfiguration(seed, i);
            QTemporaryDir scratch;
            QVERIFY(scratch.isValid());
            const Outcome o = runOne(config, scratch.path());
            ran += o.ran;
            signal += o.signal;
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
        qInfo(
            "differential test: %d of %d agree with the original (%d ran, %d with a non-zero image; "
            "reference "
            "within 1 ulp of the original at every pixel in %d); %.1f s",
            passed, count, ran, signal, exact, timer.elapsed() / 1000.0);
        // A draw that mostly renders empty images would test nothing.
        QVERIFY2(signal >= count * 3 / 4,
                 qPrintable(QString("only %1 of %2 images have signal").arg(signal).arg(count)));
        for (const QString& line : report) qWarning("%s", qPrintable(line));
        QVERIFY2(report.isEmpty(), qPrintable(QString("%1 of %2 configurations disagree (seed %3)")
                                                  .arg(report.size())
                                                  .arg(count)
                                                  .arg(seed)));
    }
};

QTEST_GUILESS_MAIN(OriginalDifferentialTest)
#include "original_differential_test.moc"
