// GUI stress: the real MainWindow and its controller under 100 rapid parameter edits interleaved
// with cancels and forced re-renders; once idle, the image on screen is bit for bit a fresh render
// of the final parameters by the same engines. Closing (and destroying) the window in the middle
// of a render neither crashes nor hangs; in the ASan build (build-asan) LeakSanitizer also checks
// that nothing is leaked.
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include "ComparisonView.h"
#include "Controller.h"
#include "DemoSession.h"
#include "MainWindow.h"
#include "ParameterPanel.h"
#include "Session.h"
#include "params/Derive.h"
#include "render/Engine.h"
#include "UiTestSupport.h"

using namespace bragg;
using namespace bragg::ui;

namespace {

constexpr int kPixels = 128;

Session smallSession(const MainWindow& window) {
    Session s = window.currentSession();
    s.params = demoParams();
    s.params.fpixels = s.params.spixels = kPixels;
    return s;
}

// A cold render by a new engine of the side's kind, with the side's physics settings.
Image freshRender(const ImageSourceSpec& side, const Params& p) {
    return makeEngine(side.engine)->render(deriveExperiment(side.sideParams(p)));
}

}  // namespace

class GuiStressTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QVERIFY(settingsDir_.isValid());
        testsupport::isolateUiTest(settingsDir_.path());
    }

    void hundredEditsAndCancelsEndWithTheFinalImage() {
        MainWindow window;
        window.resize(1200, 800);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        Controller& controller = window.controller();
        controller.setDebounceInterval(3);  // short: most edits really start a render, then lose it
        QSignalSpy shown(&window, &MainWindow::resultShown);
        QSignalSpy cancelled(&controller, &Controller::renderCancelled);
        QSignalSpy started(&controller, &Controller::renderStarted);
        window.applySession(smallSession(window));

        // A fixed pseudo-random schedule: edits to crystal, beam and detector fields (so the
        // optimized engine's caches are hit and missed), cancels, forced renders, short waits.
        QRandomGenerator rng(20240607);
        for (int i = 0; i < 100; ++i) {
            switch (i % 5) {
                case 0:
                    window.parameters().editField("-cell", QString("%1 80 90 75 85 95").arg(65 + 0.1 * i));
                    break;
                case 1:
                    window.parameters().editField("-distance", QString::number(70 + 0.2 * i));
                    break;
                case 2:
                    window.parameters().editField("-lambda", QString::number(0.9 + 0.002 * i));
                    break;
                case 3:
                    window.parameters().editField("-N", QString::number(3 + i % 4));
                    break;
                default:
                    window.parameters().editField("-mosaic_domains", QString::number(2 + i % 5));
                    break;
            }
            const quint32 action = rng.bounded(10);
            if (action < 3) controller.cancel();  // Esc / the status bar's Cancel button
            if (action == 3) controller.renderNow();
            if (action == 4) {
                controller.renderNow();
                controller.cancel();
            }
            QTest::qWait(int(rng.bounded(12)));  // 0..11 ms: renders start, progress, get cancelled
        }
        QVERIFY(started.count() > 10);
        QVERIFY(cancelled.count() > 0);

        // The last action may have been a cancel: one more edit (the final parameters), then idle.
        window.parameters().editField("-distance", QStringLiteral("91.5"));
        QTRY_VERIFY_WITH_TIMEOUT(!controller.isRendering() && window.view().shown() &&
                                     window.view().shown()->generation == controller.latestGeneration(),
                                 60000);
        const Params final = controller.params();
        QCOMPARE(final.distanceMm, 91.5);
        QCOMPARE((*final.cell)[0], 65 + 0.1 * 95);
        const RenderResultPtr result = window.view().shown();
        QVERIFY(result->complete);
        QVERIFY(result->params == final);
        QCOMPARE(shown.last().at(0).value<RenderResultPtr>(), result);
        QVERIFY(result->sources.reference.kind == SourceKind::Engine);
        QVERIFY(result->sources.candidate.kind == SourceKind::Engine);
        QCOMPARE(result->candidate->pixels, freshRender(result->sources.candidate, final).pixels);
        QCOMPARE(result->reference->pixels, freshRender(result->sources.reference, final).pixels);
    }

    void closingTheWindowMidRender() {
        for (int round = 0; round < 3; ++round) {
            auto* window = new MainWindow;
            window->setAttribute(Qt::WA_DeleteOnClose);
            QPointer<MainWindow> alive(window);
            window->show();
            QVERIFY(QTest::qWaitForWindowExposed(window));
            Session s = smallSession(*window);
            s.params.mosaicDomains = 300;  // slow enough to be mid-render when closed
            s.params.oversample = 3;
            QSignalSpy progress(&window->controller(), &Controller::progressChanged);
            window->applySession(s);
            window->controller().renderNow();
            QVERIFY(window->controller().isRendering());
            // Round 0 closes at once, round 1 once progress was reported, round 2 after a partial
            // result (the candidate) may have been shown.
            if (round >= 1) QTRY_VERIFY_WITH_TIMEOUT(progress.count() > 0, 10000);
            if (round == 2) QTest::qWait(150);
            QElapsedTimer timer;
            timer.start();
            QVERIFY(window->close());
            QTRY_VERIFY_WITH_TIMEOUT(alive.isNull(), 10000);  // deleted: worker cancelled and joined
            QVERIFY2(timer.elapsed() < 10000, "closing waited for the whole render");
        }
        // Destroying without close(), as when the application quits with the window open.
        {
            MainWindow window;
            Session s = smallSession(window);
            s.params.mosaicDomains = 300;
            window.applySession(s);
            window.controller().renderNow();
            QTest::qWait(30);
        }
        QTest::qWait(50);  // anything queued to the dead window must be dropped quietly
    }

private:
    QTemporaryDir settingsDir_;
};

QTEST_MAIN(GuiStressTest)
#include "gui_stress_test.moc"
