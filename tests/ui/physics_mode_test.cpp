// Physics mode per side and the trace panel in the window: a "corrected" side renders with every
// fix on (-water 100: a different image; a plain case: the same image), the side labels say so,
// the sources panel's physics menu, sessions (old files without a physics mode still load); a
// click on a pixel opens the trace panel with both sides' traces of that pixel, whose values are
// the rendered pixels. (The command line's physics: tests/ui_model/parameter_form_test.)
#include <QAction>
#include <QMenu>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QToolButton>
#include <QtTest>

#include <qcustomplot.h>

#include "ComparisonView.h"
#include "Controller.h"
#include "ImagePanel.h"
#include "MainWindow.h"
#include "PixelInspector.h"
#include "Session.h"
#include "SourcesPanel.h"
#include "TracePanel.h"
#include "core/Error.h"
#include "params/Derive.h"
#include "params/FlagParser.h"
#include "params/PhysicsMode.h"
#include "render/Engine.h"
#include "UiTestSupport.h"

using namespace bragg;
using namespace bragg::ui;

namespace {

Params smallParams(std::initializer_list<std::string> extra = {}) {
    std::vector<std::string> flags{
        "-cell",      "70",         "80", "90",     "75",      "85",        "95",
        "-default_F", "100",        "-N", "5",      "-mosaic", "0.5",       "-mosaic_domains",
        "2",          "-detpixels", "48", "-pixel", "0.6",     "-distance", "80",
        "-lambda",    "1"};
    flags.insert(flags.end(), extra);
    return parseNanoBraggFlags(flags).params;
}

PhysicsFixes corrected() { return parsePhysicsMode("corrected"); }

bool allFixes(const PhysicsFixes& f) {
    for (const PhysicsFixInfo& info : physicsFixInfos())
        if (!(f.*info.flag)) return false;
    return true;
}

std::string candidateEngine() {
    const auto names = engineNames();
    return std::find(names.begin(), names.end(), "optimized") != names.end() ? "optimized" : "reference";
}

// Renders with a controller and returns the complete result.
RenderResultPtr render(const Params& params, const SourceSettings& sources) {
    Controller controller;
    controller.setDebounceInterval(0);
    QSignalSpy ready(&controller, &Controller::resultReady);
    controller.setSources(sources);
    controller.setParams(params);
    if (!ready.wait(60000)) return nullptr;
    return ready.last().at(0).value<RenderResultPtr>();
}

QString title(ComparisonView& view, int panel) {
    const auto* text = view.panel(panel)->findChild<QCPTextElement*>();
    return text ? text->text() : QString();
}

QAction* physicsAction(SourcesPanel& panel, const char* side, const char* name) {
    auto* button = panel.findChild<QToolButton*>(side);
    if (!button || !button->menu()) return nullptr;
    for (QAction* a : button->menu()->actions())
        if (a->objectName() == QLatin1String(name)) return a;
    return nullptr;
}

}  // namespace

class PhysicsModeTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QVERIFY(settingsDir_.isValid());
        testsupport::isolateUiTest(settingsDir_.path(), /*requireOffscreen=*/false);
    }

    void correctedSideRendersWithEveryFix() {
        // Both sides the same engine: only the physics mode differs.
        SourceSettings sources;
        sources.reference = ImageSourceSpec::engineSide(candidateEngine());
        sources.candidate = ImageSourceSpec::engineSide(candidateEngine(), corrected());
        const Params water = smallParams({"-water", "100"});
        const RenderResultPtr r = render(water, sources);
        QVERIFY(r);
        QVERIFY(allFixes(r->candidateExperiment->params.fixes));
        QVERIFY(!r->referenceExperiment->params.fixes.any());
        QCOMPARE(r->experiment, r->referenceExperiment);
        QVERIFY(!r->params.fixes.any());  // the shared parameters stay nanoBragg's
        // The very images the engine makes from those parameters.
        Params fixed = water;
        fixed.fixes = corrected();
        const auto engine = makeEngine(candidateEngine());
        QCOMPARE(r->candidate->pixels, engine->render(deriveExperiment(fixed)).pixels);
        QCOMPARE(r->reference->pixels, engine->render(deriveExperiment(water)).pixels);
        QVERIFY(r->candidate->pixels != r->reference->pixels);  // the water quirk changes the image
        QVERIFY(r->comparison->metrics.maxAbsDiff > 0);
        QCOMPARE(r->referenceLabel, candidateEngine() + " (nanoBragg-compatible)");
        QCOMPARE(r->candidateLabel, candidateEngine() + " (corrected)");

        // A plain case meets no quirk's conditions: corrected is nanoBragg, bit for bit.
        const RenderResultPtr plain = render(smallParams(), sources);
        QVERIFY(plain);
        QVERIFY(allFixes(plain->candidateExperiment->params.fixes));
        QCOMPARE(plain->candidate->pixels, plain->reference->pixels);
        QCOMPARE(plain->comparison->metrics.maxAbsDiff, 0.0);
    }

    void onlyTheSidesPhysicsChangeReRenders() {
        // Changing the candidate's physics re-renders it, and keeps the reference image.
        Controller controller;
        controller.setDebounceInterval(0);
        QSignalSpy ready(&controller, &Controller::resultReady);
        SourceSettings sources;
        sources.reference = sources.candidate = ImageSourceSpec::engineSide("reference");
        controller.setSources(sources);
        controller.setParams(smallParams({"-water", "100"}));
        QVERIFY(ready.wait(60000));
        const auto first = ready.last().at(0).value<RenderResultPtr>();
        QCOMPARE(first->candidate->pixels, first->reference->pixels);
        sources.candidate.fixes.waterScaleOnce = true;
        controller.setSources(sources);
        QVERIFY(ready.wait(60000));
        const auto second = ready.last().at(0).value<RenderResultPtr>();
        QVERIFY(second->timings.referenceReused);
        QCOMPARE(second->reference->pixels, first->reference->pixels);
        QVERIFY(second->candidate->pixels != first->candidate->pixels);
        QCOMPARE(second->candidateLabel, std::string("reference (fixes: water)"));
    }

    void sourcesPanelPhysicsMenu() {
        SourcesPanel panel;
        SourceSettings s;
        s.reference = ImageSourceSpec::engineSide("reference");
        s.candidate = ImageSourceSpec::engineSide(candidateEngine());
        panel.setSources(s);
        QSignalSpy changed(&panel, &SourcesPanel::sourcesChanged);
        auto* button = panel.findChild<QToolButton*>("candidatePhysics");
        QVERIFY(button);
        QCOMPARE(button->text(), QString("physics: nanoBragg-compatible"));
        QVERIFY(physicsAction(panel, "candidatePhysics", "nanobragg")->isChecked());

        physicsAction(panel, "candidatePhysics", "corrected")->trigger();
        QCOMPARE(changed.count(), 1);
        auto got = changed.last().at(0).value<SourceSettings>();
        QVERIFY(allFixes(got.candidate.fixes));
        QVERIFY(!got.reference.fixes.any());
        QCOMPARE(button->text(), QString("physics: corrected"));
        QVERIFY(physicsAction(panel, "candidatePhysics", "corrected")->isChecked());
        QVERIFY(physicsAction(panel, "candidatePhysics", "water")->isChecked());

        // One fix off: the others stay on.
        physicsAction(panel, "candidatePhysics", "water")->trigger();
        got = changed.last().at(0).value<SourceSettings>();
        QVERIFY(!got.candidate.fixes.waterScaleOnce);
        QVERIFY(got.candidate.fixes.phiZeroRotation && got.candidate.fixes.allLayerCapture);
        QVERIFY(!physicsAction(panel, "candidatePhysics", "corrected")->isChecked());
        QCOMPARE(button->text(),
                 QString("physics: fixes: phi-zero, thickness, oversample-fold, interpolation, shape-limit"));
        QCOMPARE(panel.sources().candidate.fixes, got.candidate.fixes);

        physicsAction(panel, "candidatePhysics", "nanobragg")->trigger();
        QVERIFY(!panel.sources().candidate.fixes.any());

        // The reference side has its own; an image file has none to choose.
        physicsAction(panel, "referencePhysics", "phi-zero")->trigger();
        QVERIFY(panel.sources().reference.fixes.phiZeroRotation);
        s.reference = ImageSourceSpec::fileSide("/tmp/ref.bin");
        panel.setSources(s);
        QVERIFY(panel.findChild<QToolButton*>("referencePhysics")->isHidden());
        QVERIFY(!panel.findChild<QToolButton*>("candidatePhysics")->isHidden());
        s.candidate.fixes = corrected();
        panel.setSources(s);
        QCOMPARE(button->text(), QString("physics: corrected"));
        QCOMPARE(panel.sources(), s);
    }

    void sessionsKeepThePhysicsMode() {
        Session s;
        s.params = smallParams();
        s.sources.candidate = ImageSourceSpec::engineSide("optimized", corrected());
        s.sources.reference.fixes.waterScaleOnce = true;
        const QByteArray json = sessionToJson(s);
        QVERIFY(json.contains("\"physics\": \"corrected\""));
        QVERIFY(json.contains("\"physics\": \"water\""));
        const Session back = sessionFromJson(json);
        QCOMPARE(back.sources, s.sources);
        // A session from before the physics mode: nanoBragg-compatible on both sides.
        const Session old = sessionFromJson(
            "{\"schema\": \"bragg-studio-session/1\", \"flags\": [\"-detpixels\", \"32\"], \"sources\": {"
            "\"reference\": {\"kind\": \"engine\", \"engine\": \"reference\", \"path\": \"\"},"
            "\"candidate\": {\"kind\": \"engine\", \"engine\": \"optimized\", \"path\": \"\"}}}");
        QVERIFY(!old.sources.reference.fixes.any());
        QVERIFY(!old.sources.candidate.fixes.any());
        QCOMPARE(old.sources.candidate.engine, std::string("optimized"));
        QVERIFY(loadSession(QStringLiteral(":/demo-session.json")).sources.candidate.fixes == PhysicsFixes{});
        try {
            sessionFromJson(
                "{\"schema\": \"bragg-studio-session/1\", \"flags\": [], \"sources\": {"
                "\"candidate\": {\"kind\": \"engine\", \"engine\": \"optimized\", \"physics\": \"warp\"}}}");
            QFAIL("no error");
        } catch (const Error& e) {
            QCOMPARE(e.kind(), ErrorKind::Input);
            QVERIFY(QString(e.what()).contains("warp"));
        }
    }

    void clickTracesThePixelOfBothSides() {
        MainWindow window;
        window.resize(1400, 900);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.controller().setDebounceInterval(0);
        QSignalSpy shown(&window, &MainWindow::resultShown);
        Session session = window.currentSession();
        session.params = smallParams({"-water", "100"});
        session.sources.reference = ImageSourceSpec::engineSide("reference");
        session.sources.candidate = ImageSourceSpec::engineSide(candidateEngine(), corrected());
        window.applySession(session);
        QTRY_VERIFY_WITH_TIMEOUT(shown.count() > 0 && !window.controller().isRendering(), 60000);
        const RenderResultPtr result = window.view().shown();
        QCOMPARE(result->sources, session.sources);
        QCOMPARE(title(window.view(), 0), QString("Reference: reference (nanoBragg-compatible)"));
        QCOMPARE(title(window.view(), 1),
                 QString("Candidate: %1 (corrected)").arg(candidateEngine().c_str()));

        // The brightest pixel of the candidate: a Bragg spot.
        const auto& pixels = result->candidate->pixels;
        const int brightest = int(std::max_element(pixels.begin(), pixels.end()) - pixels.begin());
        const int fast = brightest % 48, slow = brightest / 48;
        TracePanel& panel = window.tracePanel();
        QVERIFY(!panel.isVisible());
        QSignalSpy traced(&panel, &TracePanel::traceShown);
        emit window.view().pixelClicked(fast, slow);  // what a click on an image panel emits
        QVERIFY(panel.isVisible());
        QVERIFY(window.inspector().isVisible());
        QVERIFY(traced.wait(60000));
        const auto o = traced.last().at(0).value<TraceOutcomePtr>();
        QCOMPARE(o->fast, fast);
        QCOMPARE(o->slow, slow);
        QVERIFY(o->reference.traced && o->candidate.traced);
        QCOMPARE(o->reference.trace.fast, fast);
        QCOMPARE(o->candidate.trace.slow, slow);
        // The traces reproduce what each side rendered.
        QVERIFY(result->candidate->at(fast, slow) > 0);
        QCOMPARE(float(o->reference.trace.value), result->reference->at(fast, slow));
        QCOMPARE(float(o->candidate.trace.value), result->candidate->at(fast, slow));
        QCOMPARE(*o->candidate.renderedValue, double(result->candidate->at(fast, slow)));
        // nanoBragg-compatible vs corrected water: the traces part, and the panel says where.
        QVERIFY(panel.diff()->first());
        QVERIFY(panel.firstDivergenceRow() >= 0);
        QVERIFY(panel.summaryText().startsWith("First divergence:"));
        QVERIFY(panel.headerText().contains("(corrected)"));
        QVERIFY(panel.headerText().contains(QString("Pixel (%1, %2)").arg(fast).arg(slow)));
        // The pinned inspector still works as before.
        QVERIFY(window.inspector().text().contains(QString("%1, %2").arg(fast).arg(slow)));
        QVERIFY(window.inspector().text().contains("(pinned)"));

        // A new render (the candidate back to nanoBragg) traces the same pixel again: they agree.
        session.sources.candidate.fixes = {};
        traced.clear();
        window.applySession(session);
        QTRY_VERIFY_WITH_TIMEOUT(traced.count() > 0 && !panel.isTracing(), 60000);
        const auto again = traced.last().at(0).value<TraceOutcomePtr>();
        QCOMPARE(again->fast, fast);
        QVERIFY(!again->candidate.label.empty());
        QCOMPARE(float(again->candidate.trace.value), window.view().shown()->candidate->at(fast, slow));
        QCOMPARE(float(again->reference.trace.value), window.view().shown()->reference->at(fast, slow));
        const double a = again->reference.trace.value, b = again->candidate.trace.value;
        QVERIFY2(std::abs(a - b) <= 1e-4 * std::abs(a), qPrintable(QString("%1 vs %2").arg(a).arg(b)));
    }

private:
    QTemporaryDir settingsDir_;
};

QTEST_MAIN(PhysicsModeTest)
#include "physics_mode_test.moc"
