// The verbs called in-process through bragg_cli (bragg::cli::run), as app/bragg/main.cpp calls
// them: simulate writes the engine's image, compare's verdict and exit status follow the images,
// and an engine added by the test (a perturbed engine) is nameable in the same process. The
// spawning tests beside this one cover exit codes and output as a user sees them.
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <string>
#include <vector>

#include "Commands.h"
#include "PerturbedEngine.h"
#include "TestSupport.h"
#include "io/RawFloat.h"
#include "params/Derive.h"
#include "params/FlagParser.h"
#include "render/Engine.h"

using namespace bragg;

namespace {

const std::vector<std::string> kFlags{"-cell", "100",        "100",        "100", "90",
                                      "90",    "90",         "-default_F", "100", "-distance",
                                      "100",   "-detpixels", "32",         "-N",  "5"};

std::vector<std::string> operator+(std::vector<std::string> a, const std::vector<std::string>& b) {
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

QJsonObject readJson(const QString& path) {
    return QJsonDocument::fromJson(testsupport::readAll(path)).object();
}

}  // namespace

class CliInProcessTest : public QObject {
    Q_OBJECT
private slots:
    void simulateWritesTheEnginesImage() {
        QTemporaryDir dir;
        const std::string out = dir.filePath("f.bin").toStdString();
        QCOMPARE(cli::run(std::vector<std::string>{"simulate", "--engine", "reference", "--quiet", "-nopgm",
                                                   "-nonoise", "-floatfile", out, "-intfile",
                                                   dir.filePath("i.img").toStdString()} +
                          kFlags),
                 0);
        const Image written = io::readFloatImage(out, 32, 32);
        const Image direct =
            makeEngine("reference")->render(deriveExperiment(parseNanoBraggFlags(kFlags).params, 0));
        QCOMPARE(written.pixels, direct.pixels);
        QVERIFY(*std::max_element(direct.pixels.begin(), direct.pixels.end()) > 0);
    }

    void compareVerdictFollowsTheImages() {
        QTemporaryDir dir;
        const std::string outdir = dir.filePath("same").toStdString();
        QCOMPARE(cli::run(std::vector<std::string>{"compare", "--run", "--engines", "reference,optimized",
                                                   "--quiet", "--outdir", outdir, "--"} +
                          kFlags),
                 0);
        QCOMPARE(readJson(dir.filePath("same/summary.json"))["verdict"].toString(), "PASS");

        // The product knows no perturbed engine until this process adds it.
        const std::vector<std::string> perturbed{"compare",
                                                 "--run",
                                                 "--engines",
                                                 "reference,perturbed:beam-centre:reference",
                                                 "--quiet",
                                                 "--outdir",
                                                 dir.filePath("bad").toStdString(),
                                                 "--"};
        QCOMPARE(cli::run(perturbed + kFlags), 1);
        addPerturbedEngines();
        QCOMPARE(cli::run(perturbed + kFlags), 3);
        QCOMPARE(readJson(dir.filePath("bad/summary.json"))["verdict"].toString(), "BLOCKED");
    }

    void dispatchStatuses() {
        QCOMPARE(cli::run({}), 1);
        QCOMPARE(cli::run({"frobnicate"}), 1);
        QCOMPARE(cli::run({"--version"}), 0);
        QCOMPARE(cli::run({"simulate", "-distanse", "100"}), 1);
    }
};

QTEST_GUILESS_MAIN(CliInProcessTest)
#include "cli_in_process_test.moc"
