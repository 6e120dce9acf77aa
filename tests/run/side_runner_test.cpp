// Sides: a stored raw float file and an external nanoBragg-compatible program (here `bragg
// simulate` behind a one-line wrapper) give the reference engine's image; a missing executable is
// a one-line usage error naming it; cancelling a program kills it at once.
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include "TestSupport.h"

#include <thread>

#include "core/Error.h"
#include "io/RawFloat.h"
#include "params/Derive.h"
#include "params/FlagParser.h"
#include "run/SideRunner.h"

using namespace bragg;
using namespace bragg::run;

namespace {

const std::vector<std::string> kFlags = {"-cell", "60",         "70",  "80",        "90", "95",
                                         "90",    "-default_F", "50",  "-N",        "4",  "-detpixels",
                                         "48",    "-pixel",     "0.5", "-distance", "90"};

SideRequest smallRequest() {
    return {kFlags, std::make_shared<const Experiment>(deriveExperiment(parseNanoBraggFlags(kFlags).params)),
            std::nullopt};
}

SideSpec spec(SideKind kind, const std::string& pathOrEngine) {
    SideSpec s;
    s.kind = kind;
    s.option = "--candidate-bin";
    if (kind == SideKind::Engine)
        s.engine = pathOrEngine;
    else
        s.path = pathOrEngine;
    return s;
}

}  // namespace

class SideRunnerTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY(dir_.isValid()); }

    void rawFloatFileMatchesTheEngine() {
        const SideRequest request = smallRequest();
        const Image expected = makeSideRunner(spec(SideKind::Engine, "reference"))->run(request).image;
        const std::string path = dir_.filePath("ref.bin").toStdString();
        io::writeFloatImage(path, expected);
        QCOMPARE(makeSideRunner(spec(SideKind::File, path))->run(request).image.pixels, expected.pixels);
    }

    void externalProgramMatchesTheEngine() {
        const QString bragg = qEnvironmentVariable("BRAGG_BIN");
        if (bragg.isEmpty() || !QFile::exists(bragg)) QSKIP("BRAGG_BIN not set");
        // `bragg simulate` with the reference engine takes the same flags: bit-identical images.
        const QString wrapper = testsupport::shellScript(
            dir_, "nanoBragg", QStringLiteral("exec '%1' simulate --engine reference \"$@\"").arg(bragg));
        const SideRequest request = smallRequest();
        const Image expected = makeSideRunner(spec(SideKind::Engine, "reference"))->run(request).image;
        const SideRun external = makeSideRunner(spec(SideKind::Program, wrapper.toStdString()))->run(request);
        QCOMPARE(external.image.fpixels, 48);
        QCOMPARE(external.image.pixels, expected.pixels);
        QVERIFY(!external.renderSeconds);  // a program's time is its whole run
    }

    void missingProgramIsAUsageErrorNamingIt() {
        try {
            makeSideRunner(spec(SideKind::Program, "/nonexistent/nanoBragg"));
            QFAIL("no error");
        } catch (const Error& e) {
            QCOMPARE(e.kind(), ErrorKind::Usage);
            QVERIFY(QString(e.what()).contains("--candidate-bin"));
            QVERIFY(QString(e.what()).contains("/nonexistent/nanoBragg"));
        }
    }

    void cancellingKillsTheProgram() {
        const QString sleeper = testsupport::shellScript(dir_, "slow", QStringLiteral("sleep 30"));
        RenderControl control;
        std::thread canceller([&] {
            std::this_thread::sleep_for(std::chrono::milliseconds(200));
            control.cancelled = true;
        });
        QElapsedTimer timer;
        timer.start();
        try {
            makeSideRunner(spec(SideKind::Program, sleeper.toStdString()))->run(smallRequest(), &control);
            canceller.join();
            QFAIL("not cancelled");
        } catch (const Error& e) {
            canceller.join();
            QCOMPARE(e.kind(), ErrorKind::Cancelled);
        }
        QVERIFY(timer.elapsed() < 5000);
    }

private:
    QTemporaryDir dir_;
};

QTEST_GUILESS_MAIN(SideRunnerTest)
#include "side_runner_test.moc"
