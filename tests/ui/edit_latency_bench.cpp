// Warm re-render latency as seen in bragg-studio: a cell edit in the parameter panel → the
// candidate image on screen (partial result) and → the complete comparison on screen (all three
// panels, metrics, history), with the app's debounce included. Not part of ctest:
//   cmake --build build --target edit_latency_bench &&
//   build/bin/edit_latency_bench [pixels] [edits] [candidate program] [reference program]
// A program side (e.g. the original nanoBragg, or a port) replaces that side's engine.
#include <QApplication>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

#include <algorithm>
#include <cstdio>

#include "ComparisonView.h"
#include "Controller.h"
#include "DemoSession.h"
#include "MainWindow.h"
#include "ParameterPanel.h"
#include "Session.h"

using namespace bragg;
using namespace bragg::ui;

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    const int pixels = argc > 1 ? std::atoi(argv[1]) : 1024;
    const int edits = argc > 2 ? std::atoi(argv[2]) : 5;
    MainWindow window;
    window.resize(1600, 1000);
    window.show();
    QSignalSpy shown(&window, &MainWindow::resultShown);
    QSignalSpy partial(&window.controller(), &Controller::partialResult);
    Session session = window.currentSession();
    if (argc > 3 && *argv[3]) session.sources.candidate = ImageSourceSpec::programSide(argv[3]);
    if (argc > 4 && *argv[4]) session.sources.reference = ImageSourceSpec::programSide(argv[4]);
    session.params = demoParams();
    session.params.fpixels = session.params.spixels = pixels;
    session.params.pixelMm = 0.1 * 512 / pixels;  // same detector, finer pixels
    window.applySession(session);
    if (!shown.wait(300000)) return 1;
    std::printf("cold: %s\n", "first render done");

    std::vector<double> toCandidate, toComplete;
    for (int i = 0; i < edits; ++i) {
        shown.clear();
        partial.clear();
        QElapsedTimer timer;
        timer.start();
        window.parameters().editField("-cell", QString("%1 80 90 75 85 95").arg(70.5 + 0.5 * i));
        // The first partial result that carries the candidate's whole image (sides may arrive in
        // either order; a reference preview is not it).
        const auto candidateShown = [&] {
            for (const QList<QVariant>& args : partial) {
                const auto r = args.at(0).value<RenderResultPtr>();
                if (r->candidate && !r->candidatePreview) return true;
            }
            return !shown.isEmpty();
        };
        while (!candidateShown()) QTest::qWait(1);
        QCoreApplication::processEvents();  // the queued replot of the candidate panel
        toCandidate.push_back(double(timer.nsecsElapsed()) / 1e6);
        while (shown.isEmpty()) QTest::qWait(1);
        QCoreApplication::processEvents();
        toComplete.push_back(double(timer.nsecsElapsed()) / 1e6);
        const auto r = window.view().shown();
        std::printf(
            "edit %d: candidate on screen %.0f ms, comparison on screen %.0f ms "
            "(candidate render %.0f ms %s, reference render %.0f ms, debounce included)\n",
            i + 1, toCandidate.back(), toComplete.back(), r->timings.candidateSeconds * 1e3,
            r->timings.candidateCold ? "cold" : "warm", r->timings.referenceSeconds * 1e3);
    }
    auto median = [](std::vector<double> v) {
        std::sort(v.begin(), v.end());
        return v[v.size() / 2];
    };
    std::printf("%d² %s vs %s: median edit→candidate %.0f ms, edit→complete comparison %.0f ms\n", pixels,
                window.view().shown()->candidateLabel.c_str(), window.view().shown()->referenceLabel.c_str(),
                median(toCandidate), median(toComplete));
    return 0;
}
