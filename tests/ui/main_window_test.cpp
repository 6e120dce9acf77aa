// The assembled window: a demo render reaches every panel, the screenshot is saved as a build
// artifact (docs/screenshot.png is refreshed from it by hand), hover fills the pixel inspector,
// sessions round-trip.
#include <QDir>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include "ComparisonView.h"
#include "Controller.h"
#include "DemoSession.h"
#include "ImagePanel.h"
#include "MainWindow.h"
#include "MetricsPanel.h"
#include "ParameterPanel.h"
#include "PixelInspector.h"
#include "Session.h"
#include "core/Error.h"
#include "UiTestSupport.h"

using namespace bragg;
using namespace bragg::ui;

class MainWindowTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QVERIFY(settingsDir_.isValid());
        testsupport::isolateUiTest(settingsDir_.path());
    }

    void demoRenderScreenshot() {
        MainWindow window;
        window.resize(1600, 1000);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QSignalSpy shown(&window, &MainWindow::resultShown);
        Session session = window.currentSession();
        session.params = demoParams();
        window.applySession(session);
        QVERIFY(shown.wait(60000));
        const auto result = shown.last().at(0).value<RenderResultPtr>();
        QCOMPARE(result->params, demoParams());
        QCOMPARE(window.view().shown(), result);
        QVERIFY(window.metrics().verdictText() == "PASS" || window.metrics().verdictText() == "BLOCKED");
        emit window.view().pixelClicked(300, 330);  // pin a pixel in the inspector
        QVERIFY(window.inspector().text().contains("300, 330"));
        QVERIFY(window.inspector().text().contains("h k l"));
        QTest::qWait(200);  // let queued replots land

        const QImage shot = window.grab().toImage();
        QCOMPARE(shot.size(), window.size());
        QVERIFY(shot.width() >= 1200);
        const QString dir = qEnvironmentVariable("BRAGG_ARTIFACT_DIR", QDir::currentPath());
        QDir().mkpath(dir);
        QVERIFY(shot.save(QDir(dir).filePath("main-window.png")));
    }

    void editAfterEditShowsTheLastParameters() {
        MainWindow window;
        window.controller().setDebounceInterval(10);
        QSignalSpy shown(&window, &MainWindow::resultShown);
        Session session = window.currentSession();
        session.params = demoParams();
        session.params.fpixels = session.params.spixels = 96;
        window.applySession(session);
        for (int i = 0; i < 10; ++i)
            window.parameters().editField("-cell", QString("%1 80 90 75 85 95").arg(70 + i));
        QTRY_VERIFY_WITH_TIMEOUT(shown.count() > 0 && !window.controller().isRendering(), 30000);
        QCOMPARE((*window.view().shown()->params.cell)[0], 79.0);
    }

    void sessionRoundTrips() {
        Session s;
        s.params = demoParams();
        s.params.distanceMm = 123;
        s.sources.reference = ImageSourceSpec::fileSide("/tmp/ref.bin");
        s.thresholds.pearsonMin = 0.99;
        s.thresholds.atol = 0.5;  // the per-pixel gate
        s.thresholds.rtol = 1e-5;
        s.display.panels[kReferencePanel].scale = ScaleKind::Log;
        s.display.ringSpacingsA = {3.5};
        const Session back = sessionFromJson(sessionToJson(s));
        QVERIFY(back.params == s.params);
        QVERIFY(back.sources == s.sources);
        QVERIFY(back.thresholds == s.thresholds);
        QVERIFY(back.display == s.display);
        // The shipped demo session is the built-in demo.
        QVERIFY(loadSession(QStringLiteral(":/demo-session.json")).params == demoParams());
        QVERIFY_THROWS_EXCEPTION(
            bragg::Error,
            sessionFromJson("{\"schema\": \"bragg-studio-session/1\", \"flags\": [\"-distanse\"]}"));
    }

private:
    QTemporaryDir settingsDir_;
};

QTEST_MAIN(MainWindowTest)
#include "main_window_test.moc"
