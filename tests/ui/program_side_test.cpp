// The app with a program side (a fake "port": `bragg simulate` with one flag changed):
// - the same sides and flags give the same summary.json from `bragg compare --run` and from
//   `bragg-studio --export-comparison --summary` (timings, command lines and file lists aside);
// - with a slow program candidate the reference engine's image is shown first, the comparison
//   when the program is done, and rapid edits never show a stale image as the current result.
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include "TestSupport.h"

#include "Controller.h"
#include "params/FlagParser.h"

using namespace bragg;
using namespace bragg::ui;

namespace {

const QStringList kFlags = {"-cell",      "60",        "70", "80",      "90",         "95", "90",
                            "-default_F", "50",        "-N", "5",       "-detpixels", "64", "-pixel",
                            "0.5",        "-distance", "90", "-misset", "10",         "20", "30"};

QJsonObject readJson(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

// What must agree: everything but timings, command lines, binaries and written files (the flags
// are compared parsed: the app spells them from its parameters).
QJsonObject comparable(QJsonObject j) {
    for (const char* key : {"runtimes", "args", "binaries", "files"}) j.remove(key);
    for (const char* side : {"reference", "candidate"}) {
        QJsonObject s = j[side].toObject();
        s.remove("seconds");
        s.remove("render_seconds");
        j[side] = s;
    }
    return j;
}

std::vector<std::string> flagsOf(const QJsonObject& j) {
    std::vector<std::string> flags;
    for (const QJsonValue& v : j["args"].toObject()["flags"].toArray())
        flags.push_back(v.toString().toStdString());
    return flags;
}

}  // namespace

class ProgramSideTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        bragg_ = qEnvironmentVariable("BRAGG_BIN");
        studio_ = qEnvironmentVariable("BRAGG_STUDIO_BIN");
        if (bragg_.isEmpty() || !QFile::exists(bragg_)) QSKIP("BRAGG_BIN not set");
        // The fake port: the reference engine with a smaller crystal (-N 4 after the flags wins).
        port_ = testsupport::shellScript(
            dir_, "myport", QStringLiteral("exec '%1' simulate --engine reference \"$@\" -N 4").arg(bragg_));
        slowPort_ = testsupport::shellScript(
            dir_, "slowport",
            QStringLiteral("sleep 1.5; exec '%1' simulate --engine reference \"$@\"").arg(bragg_));
    }

    void cliAndAppWriteTheSameSummary() {
        if (studio_.isEmpty() || !QFile::exists(studio_)) QSKIP("BRAGG_STUDIO_BIN not set");
        const QString out = dir_.filePath("cli");
        QProcess cli;
        cli.start(bragg_, QStringList{"compare", "--run", "--engines", "reference", "--candidate-bin", port_,
                                      "--outdir", out, "--quiet", "--"} +
                              kFlags);
        QVERIFY(cli.waitForFinished(60000));
        QCOMPARE(cli.exitCode(), 3);  // BLOCKED: the port's crystal differs

        const QString summary = dir_.filePath("app-summary.json");
        QProcess app;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("QT_QPA_PLATFORM", "offscreen");
        app.setProcessEnvironment(env);
        app.start(studio_,
                  QStringList{"--reference-engine", "reference", "--candidate-bin", port_,
                              "--export-comparison", dir_.filePath("app.png"), "--summary", summary} +
                      kFlags);
        QVERIFY(app.waitForFinished(60000));
        QCOMPARE(app.exitCode(), 0);

        const QJsonObject a = readJson(out + "/summary.json"), b = readJson(summary);
        QVERIFY(!a.isEmpty() && !b.isEmpty());
        QCOMPARE(a["verdict"].toString(), QStringLiteral("BLOCKED"));
        QCOMPARE(b["candidate"].toObject()["kind"].toString(), QStringLiteral("program"));
        if (comparable(a) != comparable(b)) {
            qWarning().noquote() << "CLI:" << QJsonDocument(comparable(a)).toJson(QJsonDocument::Compact);
            qWarning().noquote() << "app:" << QJsonDocument(comparable(b)).toJson(QJsonDocument::Compact);
            QFAIL("the summaries differ");
        }
        QVERIFY(parseNanoBraggFlags(flagsOf(a)).params == parseNanoBraggFlags(flagsOf(b)).params);
    }

    void theFastSideFirstAndNoStaleResult() {
        Controller c;
        c.setDebounceInterval(0);
        SourceSettings s;
        s.reference = ImageSourceSpec::engineSide("reference");
        s.candidate = ImageSourceSpec::programSide(slowPort_.toStdString());
        Params p = parseNanoBraggFlags({"-cell", "60", "70", "80", "90", "95", "90", "-default_F", "50", "-N",
                                        "4", "-detpixels", "48"})
                       .params;
        QSignalSpy partials(&c, &Controller::partialResult), results(&c, &Controller::resultReady);
        c.setSources(s);
        c.setParams(p);
        // Rapid edits while the slow program runs: each cancels (kills) the one before.
        for (int edit = 0; edit < 3; ++edit) {
            QTest::qWait(300);
            p.distanceMm = 90 + edit;
            c.setParams(p);
        }
        QVERIFY(results.wait(30000));
        QTest::qWait(200);
        QCOMPARE(results.count(), 1);  // only the newest edit's comparison
        const RenderResultPtr last = results.at(0).at(0).value<RenderResultPtr>();
        QCOMPARE(last->generation, c.latestGeneration());
        QCOMPARE(last->params.distanceMm, p.distanceMm);
        QCOMPARE(last->comparison->metrics.maxAbsDiff, 0.0);  // the reference engine both ways
        // For that generation the engine's reference came first, alone, before the program's image.
        std::vector<RenderResultPtr> mine;
        for (const QList<QVariant>& args : partials) {
            const RenderResultPtr r = args.at(0).value<RenderResultPtr>();
            QVERIFY(r->generation <= last->generation);
            if (r->generation == last->generation) mine.push_back(r);
        }
        QVERIFY(!mine.empty());
        QVERIFY(mine.front()->reference && !mine.front()->candidate);
        QCOMPARE(mine.front()->params.distanceMm, p.distanceMm);
    }

private:
    QTemporaryDir dir_;
    QString bragg_, studio_, port_, slowPort_;
};

QTEST_MAIN(ProgramSideTest)
#include "program_side_test.moc"
