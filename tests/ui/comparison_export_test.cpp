// Export: the composite PNG has the expected size and is not blank; summary.json carries the
// comparison core's metrics in `bragg compare`'s schema; `bragg-studio --export-comparison`
// works headless.
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <set>

#include "ComparisonExport.h"
#include "ComparisonView.h"
#include "Controller.h"
#include "RegionsTestSupport.h"
#include "io/RawFloat.h"
#include "params/FlagParser.h"
#include "report/CompareJson.h"
#include "report/CompareSummary.h"

using namespace bragg;
using namespace bragg::ui;

namespace {

const std::vector<std::string>& kFlags = testsupport::kSmallDetectorFlags;

int distinctColours(const QImage& image) {
    std::set<QRgb> colours;
    for (int y = 0; y < image.height(); y += 3)
        for (int x = 0; x < image.width(); x += 3) colours.insert(image.pixel(x, y));
    return int(colours.size());
}

}  // namespace

class ComparisonExportTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QCOMPARE(QGuiApplication::platformName(), QStringLiteral("offscreen"));
        QVERIFY(dir_.isValid());
        controller_.setDebounceInterval(5);
        QSignalSpy results(&controller_, &Controller::resultReady);
        controller_.setParams(parseNanoBraggFlags(kFlags).params);
        QVERIFY(results.wait(30000));
        result_ = results.at(0).at(0).value<RenderResultPtr>();
        view_.resize(1200, 500);
        view_.showResult(result_);
    }

    void compositeHasExpectedSizeAndIsNotBlank() {
        const ComparisonExport exporter(view_, result_);
        const QString path = dir_.filePath("composite.png");
        exporter.writeComposite(path, 300);
        QImage image(path);
        QVERIFY(!image.isNull());
        QCOMPARE(image.width(), 3 * 300 + 4 * 12);
        QVERIFY(image.height() > 300 + 100);  // panels, caption, flags
        QVERIFY(distinctColours(image) > 50);
        // The panels themselves are not blank either.
        QVERIFY(distinctColours(image.copy(12, 12, 300, 300)) > 20);
    }

    void panelsAndImagesAreWritten() {
        const ComparisonExport exporter(view_, result_);
        const QStringList panels = exporter.writePanels(dir_.filePath("run"), 200);
        QCOMPARE(panels.size(), 3);
        for (const QString& p : panels) QCOMPARE(QImage(p).size(), QSize(200, 200));
        const QStringList floats = exporter.writeImages(dir_.filePath("run"), false);
        QCOMPARE(io::readFloatImage(floats.at(0).toStdString(), 96, 96).pixels, result_->reference->pixels);
        const QStringList smv = exporter.writeImages(dir_.filePath("run"), true);
        QVERIFY(QFileInfo(smv.at(1)).size() >= 512 + 2 * 96 * 96);
    }

    void summaryMatchesTheComparisonCore() {
        const ComparisonExport exporter(view_, result_);
        const QString path = dir_.filePath("summary.json");
        exporter.writeSummary(path);
        const nlohmann::json written = report::readJsonFile(path.toStdString());
        QCOMPARE(QString::fromStdString(written.value("schema", "")), QString(report::kCompareSchema));
        const Comparison expected = compareImages(*result_->reference, *result_->candidate, Thresholds{});
        // Both as plain json (ordered_json == json is ambiguous in C++20 with Clang).
        QVERIFY(written.at("metrics") == nlohmann::json::parse(report::metricsJson(expected).dump()));
        QCOMPARE(QString::fromStdString(written.at("verdict").get<std::string>()),
                 QString(toString(expected.verdict)));

        // `bragg compare` on the exported images reports the same metrics.
        const QString bragg = qEnvironmentVariable("BRAGG_BIN");
        if (bragg.isEmpty() || !QFile::exists(bragg)) QSKIP("BRAGG_BIN not set");
        const QStringList images = exporter.writeImages(dir_.filePath("pair"), false);
        QProcess cli;
        cli.start(bragg, {"compare", images.at(0), images.at(1), "--size", "96", "96", "--outdir",
                          dir_.filePath("cli-compare")});
        QVERIFY(cli.waitForFinished(60000));
        QCOMPARE(cli.exitCode(), 0);
        const nlohmann::json theirs =
            report::readJsonFile(dir_.filePath("cli-compare/summary.json").toStdString());
        QVERIFY(theirs.at("metrics") == written.at("metrics"));
        QVERIFY(theirs.at("peaks") == written.at("peaks"));
    }

    void headlessCommandLineExports() {
        const QString app = qEnvironmentVariable("BRAGG_STUDIO_BIN");
        if (app.isEmpty()) QSKIP("BRAGG_STUDIO_BIN not set");
        QProcess process;
        QStringList args{"--export-comparison", dir_.filePath("cli.png"), "--summary",
                         dir_.filePath("cli.json")};
        for (const std::string& f : kFlags) args << QString::fromStdString(f);
        process.start(app, args);
        QVERIFY(process.waitForFinished(60000));
        QCOMPARE(process.exitCode(), 0);
        QVERIFY(distinctColours(QImage(dir_.filePath("cli.png"))) > 50);
        const nlohmann::json summary = report::readJsonFile(dir_.filePath("cli.json").toStdString());
        QCOMPARE(summary.at("metrics").at("pixels").get<int>(), 96 * 96);

        process.start(app, {"--export-comparison", dir_.filePath("bad.png"), "-distanse", "80"});
        QVERIFY(process.waitForFinished(20000));
        QCOMPARE(process.exitCode(), 1);
        QVERIFY(QString::fromLocal8Bit(process.readAllStandardError()).contains("-distanse"));
    }

private:
    QTemporaryDir dir_;
    Controller controller_;
    ComparisonView view_;
    RenderResultPtr result_;
};

QTEST_MAIN(ComparisonExportTest)
#include "comparison_export_test.moc"
