#include "StudioApp.h"

#include <QApplication>
#include <QTimer>

#include <cstdio>

#include "ComparisonView.h"
#include "Controller.h"
#include "DemoSession.h"
#include "MainWindow.h"
#include "MetricsPanel.h"
#include "Session.h"
#include "StudioCommandLine.h"
#include "core/Error.h"

namespace bragg::ui {

namespace {

Session initialSession(const StudioCommandLine& c, const MainWindow& window) {
    Session s = window.currentSession();
    s.params = c.params ? *c.params : demoParams();
    s.sources = c.sources;
    return s;
}

// Render once, export, exit: 0 on success, the error's exit code otherwise.
int exportAndExit(QApplication& app, MainWindow& window, const StudioCommandLine& c) {
    int status = 0;
    QObject::connect(&window, &MainWindow::resultShown, &app, [&] {
        try {
            window.exportComparison(QString::fromStdString(c.exportPng),
                                    QString::fromStdString(c.summaryJson));
            std::printf("%s: %s\n", c.exportPng.c_str(), window.metrics().verdictText().toUtf8().constData());
        } catch (const Error& e) {
            std::fprintf(stderr, "bragg-studio: %s\n", e.what());
            status = exitCodeFor(e.kind());
        }
        app.exit(status);
    });
    QObject::connect(&window.controller(), &Controller::renderFailed, &app, [&](const QString& message) {
        std::fprintf(stderr, "bragg-studio: %s\n", message.toUtf8().constData());
        app.exit(1);
    });
    window.resize(1600, 1000);
    window.applySession(initialSession(c, window));
    window.controller().renderNow();
    return app.exec();
}

}  // namespace

int runStudio(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("BraggStudio"));
    QApplication::setApplicationName(QStringLiteral("bragg-studio"));
    std::vector<std::string> args;
    for (int i = 1; i < argc; ++i) args.emplace_back(argv[i]);
    StudioCommandLine c;
    try {
        c = parseStudioCommandLine(args);
    } catch (const Error& e) {
        std::fprintf(stderr, "bragg-studio: %s\n%s", e.what(), studioUsage());
        return exitCodeFor(e.kind());
    }
    if (c.help) {
        std::fputs(studioUsage(), stdout);
        return 0;
    }
    for (const std::string& w : c.warnings) std::fprintf(stderr, "bragg-studio: warning: %s\n", w.c_str());

    MainWindow window;
    if (!c.exportPng.empty()) return exportAndExit(app, window, c);
    window.show();
    window.applySession(initialSession(c, window));
    window.controller().renderNow();
    return app.exec();
}

}  // namespace bragg::ui
