// Controller and render worker: a render completes, a cancel stops one, rapid edits end with the
// newest parameters' images (never a stale result published as current), teardown mid-render.
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include "Controller.h"
#include "MetricsPanel.h"
#include "params/Derive.h"
#include "params/FlagParser.h"
#include "render/Engine.h"

using namespace bragg;
using namespace bragg::ui;

namespace {

// The reference engine against its float32 evaluation: they differ at almost every pixel.
SourceSettings referenceVsFloat32() {
    SourceSettings s;
    s.reference = ImageSourceSpec::engineSide("reference");
    s.candidate = ImageSourceSpec::engineSide("reference:f32");
    return s;
}

Params smallParams(int pixels = 64) {
    return parseNanoBraggFlags({"-cell",
                                "70",
                                "80",
                                "90",
                                "75",
                                "85",
                                "95",
                                "-default_F",
                                "100",
                                "-N",
                                "5",
                                "-mosaic",
                                "0.3",
                                "-mosaic_domains",
                                "3",
                                "-detpixels",
                                std::to_string(pixels),
                                "-pixel",
                                "0.4",
                                "-distance",
                                "80",
                                "-lambda",
                                "1"})
        .params;
}

// Slow enough (reference engine, many domains and sub-pixels) that it is still running when cancelled.
Params slowParams() {
    Params p = smallParams(128);
    p.mosaicDomains = 400;
    p.oversample = 4;
    return p;
}

SourceSettings referenceOnly() {
    SourceSettings s;
    s.candidate = ImageSourceSpec::engineSide("reference");
    return s;
}

Image renderDirectly(const Params& p) { return makeEngine("reference")->render(deriveExperiment(p)); }

}  // namespace

class ControllerTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QCOMPARE(QGuiApplication::platformName(), QStringLiteral("offscreen")); }

    void renderCompletes() {
        Controller c;
        c.setDebounceInterval(5);
        QSignalSpy results(&c, &Controller::resultReady);
        QSignalSpy partials(&c, &Controller::partialResult);
        const Params p = smallParams();
        c.setParams(p);
        QVERIFY(results.wait(20000));
        const auto r = results.at(0).at(0).value<RenderResultPtr>();
        QVERIFY(r->complete);
        QCOMPARE(r->params, p);
        QCOMPARE(r->reference->fpixels, 64);
        QCOMPARE(r->candidate->spixels, 64);
        QVERIFY(r->comparison);
        QCOMPARE(r->comparison->verdict, Verdict::Pass);
        // Each side as it arrives: the candidate first (two engines take turns, the candidate
        // usually the faster), then the reference (with previews of its rows if it is slow),
        // then the comparison.
        QVERIFY(partials.count() >= 2);
        const auto first = partials.at(0).at(0).value<RenderResultPtr>();
        QVERIFY(first->candidate && !first->reference && !first->complete);
        QCOMPARE(first->candidate.get(), r->candidate.get());
        const auto last = partials.back().at(0).value<RenderResultPtr>();
        QCOMPARE(last->reference.get(), r->reference.get());
        QVERIFY(!last->referencePreview);
        for (int i = 1; i + 1 < partials.count(); ++i)
            QVERIFY(partials.at(i).at(0).value<RenderResultPtr>()->referencePreview);
        QCOMPARE(c.current(), r);
        QTRY_VERIFY(!c.isRendering());
    }

    void crystalEditIsAWarmCandidateRender() {
        const auto names = engineNames();
        if (std::find(names.begin(), names.end(), "optimized") == names.end()) QSKIP("no optimized engine");
        Controller c;
        c.setDebounceInterval(5);
        QSignalSpy results(&c, &Controller::resultReady);
        Params p = smallParams();
        c.setParams(p);
        QVERIFY(results.wait(20000));
        QVERIFY(results.last().at(0).value<RenderResultPtr>()->timings.candidateCold);
        (*p.cell)[0] = 71;
        c.setParams(p);
        QVERIFY(results.wait(20000));
        const RenderTimings t = results.last().at(0).value<RenderResultPtr>()->timings;
        QVERIFY(!t.candidateCold);
        QVERIFY(t.candidateCacheHit && *t.candidateCacheHit);  // detector unchanged
        QVERIFY(!t.referenceReused);
    }

    void roiLimitsTheComparison() {
        Controller c;
        c.setDebounceInterval(5);
        QSignalSpy results(&c, &Controller::resultReady);
        Params p = smallParams();
        p.roi = {10, 40, 5, 20};
        c.setParams(p);
        QVERIFY(results.wait(20000));
        const Comparison& cmp = *results.last().at(0).value<RenderResultPtr>()->comparison;
        QVERIFY(cmp.roi);
        QCOMPARE(cmp.metrics.pixels, std::size_t(31 * 16));
    }

    void cancelStopsRender() {
        Controller c;
        c.setSources(referenceOnly());
        c.setParams(slowParams());
        QSignalSpy started(&c, &Controller::renderStarted);
        QSignalSpy cancelled(&c, &Controller::renderCancelled);
        QSignalSpy results(&c, &Controller::resultReady);
        QSignalSpy progress(&c, &Controller::progressChanged);
        c.renderNow();
        QCOMPARE(started.count(), 1);
        QTRY_VERIFY_WITH_TIMEOUT(progress.count() > 0, 5000);  // running, progress polled
        c.cancel();
        QVERIFY(cancelled.wait(10000));
        QCOMPARE(results.count(), 0);
        QTRY_VERIFY(!c.isRendering());
    }

    void rapidEditsEndWithTheLastParameters() {
        Controller c;
        c.setDebounceInterval(15);
        c.setSources(referenceOnly());
        QSignalSpy results(&c, &Controller::resultReady);
        Params p = smallParams(48);
        for (int i = 0; i < 50; ++i) {
            (*p.cell)[0] = 70 + 0.2 * i;
            c.setParams(p);
            QTest::qWait(i % 7 == 0 ? 25 : 1);  // some edits outlive the debounce and start renders
        }
        QTRY_VERIFY_WITH_TIMEOUT(!c.isRendering() && results.count() > 0, 30000);
        const auto last = results.last().at(0).value<RenderResultPtr>();
        QCOMPARE(last->params, p);
        QCOMPARE(c.current(), last);
        QCOMPARE(last->generation, c.latestGeneration());
        // Every published result was the newest request at the time: generations only grow.
        for (int i = 1; i < results.count(); ++i)
            QVERIFY(results.at(i).at(0).value<RenderResultPtr>()->generation >
                    results.at(i - 1).at(0).value<RenderResultPtr>()->generation);
        QCOMPARE(last->reference->pixels, renderDirectly(p).pixels);
        QCOMPARE(last->candidate->pixels, renderDirectly(p).pixels);
    }

    void invalidExperimentReportsAndDoesNotPublish() {
        Controller c;
        c.setDebounceInterval(5);
        QSignalSpy failed(&c, &Controller::renderFailed);
        QSignalSpy results(&c, &Controller::resultReady);
        Params p = smallParams();
        p.hklFile = "/nonexistent/file.hkl";
        c.setParams(p);
        QVERIFY(failed.wait(10000));
        QVERIFY(failed.at(0).at(0).toString().contains("file.hkl"));
        QCOMPARE(results.count(), 0);
    }

    void thresholdChangeReusesImages() {
        Controller c;
        c.setDebounceInterval(5);
        QSignalSpy results(&c, &Controller::resultReady);
        c.setParams(smallParams());
        QVERIFY(results.wait(20000));
        Thresholds strict;
        strict.pearsonMin = 1.5;  // impossible
        c.setThresholds(strict);
        QVERIFY(results.wait(20000));
        const auto r = results.last().at(0).value<RenderResultPtr>();
        QCOMPARE(r->comparison->verdict, Verdict::Blocked);
        QVERIFY(r->timings.referenceReused);
    }

    // The per-pixel gate set in the metrics panel reaches the comparison: exact equality with the
    // reference engine in float32 fails at some pixels (float32 rounding), a loose one passes.
    void perPixelGateFromThePanel() {
        MetricsPanel panel;
        QCOMPARE(panel.thresholds().atol, -1.0);  // "off"
        Thresholds exact = panel.thresholds();
        exact.atol = 0, exact.rtol = 0;
        panel.setThresholds(exact);
        QCOMPARE(panel.thresholds().atol, 0.0);
        QCOMPARE(panel.thresholds().rtol, 0.0);
        Controller c;
        c.setDebounceInterval(5);
        QSignalSpy results(&c, &Controller::resultReady);
        c.setSources(referenceVsFloat32());
        c.setThresholds(panel.thresholds());
        c.setParams(smallParams());
        QVERIFY(results.wait(20000));
        auto r = results.last().at(0).value<RenderResultPtr>();
        QVERIFY(r->comparison->pixelGate);
        QVERIFY(r->comparison->pixelGate->failing > 0);
        QCOMPARE(r->comparison->verdict, Verdict::Blocked);
        QVERIFY(metricsText(*r).contains("per-pixel gate: "));
        Thresholds loose = exact;
        loose.rtol = 1e-2;
        c.setThresholds(loose);
        QVERIFY(results.wait(20000));
        r = results.last().at(0).value<RenderResultPtr>();
        QCOMPARE(r->comparison->pixelGate->failing, std::size_t(0));
        QCOMPARE(r->comparison->verdict, Verdict::Pass);
    }

    // The Render menu's checks: the float32 reference beside a float32 candidate, and a program
    // side whose mosaic seed changes every run run twice for its noise floor.
    void precisionAndNoiseFloorChecks() {
        Controller c;
        c.setDebounceInterval(5);
        QSignalSpy results(&c, &Controller::resultReady);
        c.setSources(referenceVsFloat32());
        c.setChecks(RunChecks{true, false});
        const Params p =
            parseNanoBraggFlags({"-cell",     "60",         "70",         "80",     "90",
                                 "95",        "90",         "-default_F", "50",     "-N",
                                 "4",         "-detpixels", "48",         "-pixel", "0.5",
                                 "-distance", "90",         "-mosaic",    "1",      "-mosaic_domains",
                                 "4"})
                .params;
        c.setParams(p);
        QVERIFY(results.wait(20000));
        auto r = results.last().at(0).value<RenderResultPtr>();
        QVERIFY(r->precision);
        QVERIFY(r->precision->f32AgreesWithCandidate);
        QCOMPARE(r->precision->candidateVsReferenceF32.maxAbsDiff, 0.0);
        QVERIFY(metricsText(*r).contains("reference-f32 agrees with candidate"));

        const QString bragg = qEnvironmentVariable("BRAGG_BIN");
        if (bragg.isEmpty()) QSKIP("BRAGG_BIN not set");
        QTemporaryDir dir;
        QFile script(dir.filePath("noisy.sh"));
        QVERIFY(script.open(QIODevice::WriteOnly));
        script.write(("#!/bin/sh\nseed=$(od -An -N2 -tu2 /dev/urandom | tr -d ' ')\nexec '" + bragg +
                      "' simulate --engine reference --quiet \"$@\" -mosaic_seed $((seed + 2))\n")
                         .toUtf8());
        script.close();
        script.setPermissions(script.permissions() | QFile::ExeOwner);
        SourceSettings noisy;
        noisy.reference = ImageSourceSpec::engineSide("reference");
        noisy.candidate = ImageSourceSpec::programSide(script.fileName().toStdString());
        c.setSources(noisy);
        c.setChecks(RunChecks{false, true});
        QVERIFY(results.wait(30000));
        r = results.last().at(0).value<RenderResultPtr>();
        QVERIFY(!r->precision);
        QVERIFY(r->comparison->candidateNoise);
        QVERIFY(!r->comparison->candidateNoise->deterministic);
        QVERIFY(!r->comparison->referenceNoise);  // an engine is not run twice
        QVERIFY(metricsText(*r).contains("noise floor: candidate is not deterministic"));
    }

    void teardownDuringRender() {
        QElapsedTimer timer;
        timer.start();
        {
            Controller c;
            c.setSources(referenceOnly());
            c.setParams(slowParams());
            c.renderNow();
            QTest::qWait(100);
        }  // destructor cancels, quits and waits
        QVERIFY(timer.elapsed() < 10000);
    }
};

QTEST_MAIN(ControllerTest)
#include "controller_test.moc"
