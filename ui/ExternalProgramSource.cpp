#include "ExternalProgramSource.h"

#include <QProcess>
#include <QStringList>
#include <QTemporaryDir>

#include "ImageSources.h"
#include "core/Error.h"
#include "io/RawFloat.h"
#include "params/FlagParser.h"

namespace bragg::ui {

namespace {

class ExternalProgramSource final : public ImageSource {
public:
    explicit ExternalProgramSource(std::string executable) : executable_(std::move(executable)) {}

    Image produce(const Experiment& experiment, RenderControl& control) override {
        QTemporaryDir dir;
        if (!dir.isValid()) throw inputError("external program: cannot create a temporary directory");
        // Output flags first: after the user's flags they would be values of a trailing
        // -misset_seed N, which nanoBragg then also reads as -misset N 0 0 (cli.md §1).
        const QString floatPath = dir.filePath("floatimage.bin");
        QStringList args{"-floatfile", floatPath, "-intfile", dir.filePath("intimage.img"),
                         "-nopgm",     "-nonoise"};
        for (const std::string& a : toNanoBraggFlags(experiment.params)) args << QString::fromStdString(a);
        const QString program = QString::fromStdString(executable_);

        QProcess process;
        process.setWorkingDirectory(dir.path());  // e.g. the Fdump.bin cache nanoBragg writes
        process.setProcessChannelMode(QProcess::MergedChannels);
        control.rowsTotal = experiment.detector.spixels;
        process.start(program, args);
        if (!process.waitForStarted(10000))
            throw inputError(executable_ + ": cannot start (" + process.errorString().toStdString() + ")");
        // Poll so a cancel request is seen within a few tens of milliseconds.
        while (!process.waitForFinished(30)) {
            if (process.state() == QProcess::NotRunning) break;
            if (control.cancelled) {
                process.kill();
                process.waitForFinished(2000);
                throw Error(ErrorKind::Cancelled, "cancelled");
            }
        }
        if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
            const QString tail = QString::fromLocal8Bit(process.readAll()).trimmed().split('\n').constLast();
            throw inputError(executable_ + ": exited with status " + std::to_string(process.exitCode()) +
                             (tail.isEmpty() ? "" : ": " + tail.toStdString()));
        }
        Image image = io::readFloatImage(floatPath.toStdString(), experiment.detector.fpixels,
                                         experiment.detector.spixels);
        control.rowsDone = experiment.detector.spixels;
        countProduced();
        return image;
    }

private:
    std::string executable_;
};

}  // namespace

std::unique_ptr<ImageSource> makeExternalProgramSource(const std::string& executable) {
    return std::make_unique<ExternalProgramSource>(executable);
}

}  // namespace bragg::ui
