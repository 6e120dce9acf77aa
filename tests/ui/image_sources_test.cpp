// Image sources: a stored raw float or SMV file, and an external nanoBragg-compatible program
// (here `bragg simulate` behind a one-line wrapper) give the reference engine's image; a missing
// executable is a one-line error; cancelling the program kills it.
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <thread>

#include "ImageSources.h"
#include "core/Error.h"
#include "io/RawFloat.h"
#include "params/Derive.h"
#include "params/FlagParser.h"

using namespace bragg;
using namespace bragg::ui;

namespace {

Experiment smallExperiment() {
    return deriveExperiment(
        parseNanoBraggFlags({"-cell", "60", "70", "80", "90", "95", "90", "-default_F", "50", "-N", "4",
                             "-detpixels", "48", "-pixel", "0.5", "-distance", "90"})
            .params,
        0);
}

}  // namespace

class ImageSourcesTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY(dir_.isValid()); }

    void rawFloatFileMatchesTheEngine() {
        const Experiment e = smallExperiment();
        RenderControl control;
        const Image expected = makeImageSource({SourceKind::Engine, "reference", {}})->produce(e, control);
        const std::string path = dir_.filePath("ref.bin").toStdString();
        io::writeFloatImage(path, expected);
        auto source = makeImageSource({SourceKind::File, {}, path});
        QVERIFY(!source->warm());
        QCOMPARE(source->produce(e, control).pixels, expected.pixels);
        QVERIFY(source->warm());
    }

    void externalProgramMatchesTheEngine() {
        const QString bragg = qEnvironmentVariable("BRAGG_BIN");
        if (bragg.isEmpty() || !QFile::exists(bragg)) QSKIP("BRAGG_BIN not set");
        // A nanoBragg-compatible executable: `bragg simulate` takes the same flags (with the reference
        // engine, so the images must be bit-identical).
        const QString wrapper = dir_.filePath("nanoBragg");
        QFile f(wrapper);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QStringLiteral("#!/bin/sh\nexec '%1' simulate --engine reference \"$@\"\n").arg(bragg).toUtf8());
        f.close();
        f.setPermissions(f.permissions() | QFileDevice::ExeOwner);

        const Experiment e = smallExperiment();
        RenderControl control;
        const Image expected = makeImageSource({SourceKind::Engine, "reference", {}})->produce(e, control);
        const Image external =
            makeImageSource({SourceKind::External, {}, wrapper.toStdString()})->produce(e, control);
        QCOMPARE(external.fpixels, 48);
        QCOMPARE(external.pixels, expected.pixels);
    }

    void missingProgramIsAnInputError() {
        RenderControl control;
        try {
            makeImageSource({SourceKind::External, {}, "/nonexistent/nanoBragg"})
                ->produce(smallExperiment(), control);
            QFAIL("no error");
        } catch (const Error& e) {
            QCOMPARE(e.kind(), ErrorKind::Input);
            QVERIFY(QString(e.what()).contains("/nonexistent/nanoBragg"));
        }
    }

    void cancellingKillsTheProgram() {
        const QString sleeper = dir_.filePath("slow");
        QFile f(sleeper);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("#!/bin/sh\nsleep 30\n");
        f.close();
        f.setPermissions(f.permissions() | QFileDevice::ExeOwner);
        RenderControl control;
        std::thread canceller([&] {
            std::this_thread::sleep_for(std::chrono::milliseconds(200));
            control.cancelled = true;
        });
        QElapsedTimer timer;
        timer.start();
        try {
            makeImageSource({SourceKind::External, {}, sleeper.toStdString()})
                ->produce(smallExperiment(), control);
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

QTEST_GUILESS_MAIN(ImageSourcesTest)
#include "image_sources_test.moc"
