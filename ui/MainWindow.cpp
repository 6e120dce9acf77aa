#include "MainWindow.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QIcon>
#include <QKeySequence>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include "ComparisonExport.h"
#include "ComparisonView.h"
#include "Controller.h"
#include "DeltaHistogramPlot.h"
#include "HistoryPlot.h"
#include "MetricsPanel.h"
#include "ParameterPanel.h"
#include "PixelInspector.h"
#include "RadialProfilePlot.h"
#include "Session.h"
#include "SourcesPanel.h"
#include "StudioSettings.h"
#include "TraceDock.h"
#include "core/Error.h"

namespace bragg::ui {

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent), controller_(new Controller(this)), view_(new ComparisonView(this)) {
    setWindowTitle(tr("BraggStudio"));
    setWindowIcon(QIcon(QStringLiteral(":/bragg-studio.png")));
    setCentralWidget(view_);
    buildDocks();
    buildMenus();
    buildStatusBar();
    connectController();
    parameters_->setParams(controller_->params());
    sources_->setSources(controller_->sources());
    metrics_->setThresholds(controller_->thresholds());
    const StudioSettings settings;
    if (!restoreGeometry(settings.windowGeometry())) resize(1600, 1000);
    view_->setOptions(settings.displayOptions());
    restoreState(settings.windowState());
}

MainWindow::~MainWindow() = default;

void MainWindow::buildDocks() {
    auto* left = new QWidget(this);
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    sources_ = new SourcesPanel(left);
    parameters_ = new ParameterPanel(left);
    leftLayout->addWidget(sources_);
    leftLayout->addWidget(parameters_, 1);
    auto* parametersDock = new QDockWidget(tr("Parameters"), this);
    parametersDock->setObjectName(QStringLiteral("parametersDock"));
    parametersDock->setWidget(left);
    left->setMaximumWidth(330);
    addDockWidget(Qt::LeftDockWidgetArea, parametersDock);

    // Below the images: metrics and thresholds | history, radial profile, Δ histogram | pixel inspector.
    auto* bottom = new QSplitter(Qt::Horizontal, this);
    metrics_ = new MetricsPanel(bottom);
    auto* plots = new QTabWidget(bottom);
    plots->setObjectName(QStringLiteral("plotTabs"));
    history_ = new HistoryPlot(plots);
    radialProfile_ = new RadialProfilePlot(plots);
    deltaHistogram_ = new DeltaHistogramPlot(plots);
    plots->addTab(history_, tr("History"));
    plots->addTab(radialProfile_, tr("Radial profile"));
    plots->addTab(deltaHistogram_, tr("Δ histogram"));
    inspector_ = new PixelInspector(bottom);
    bottom->addWidget(metrics_);
    bottom->addWidget(plots);
    bottom->addWidget(inspector_);
    bottom->setStretchFactor(0, 0);
    bottom->setStretchFactor(1, 1);
    bottom->setStretchFactor(2, 0);
    auto* metricsDock = new QDockWidget(tr("Comparison"), this);
    metricsDock->setObjectName(QStringLiteral("metricsDock"));
    metricsDock->setWidget(bottom);
    addDockWidget(Qt::BottomDockWidgetArea, metricsDock);
    setCorner(Qt::BottomLeftCorner, Qt::LeftDockWidgetArea);
    traceDock_ = TraceDock::addTo(this);
    connect(this, &MainWindow::resultShown, traceDock_, &TraceDock::refresh);

    connect(parameters_, &ParameterPanel::paramsChanged, controller_, &Controller::setParams);
    connect(sources_, &SourcesPanel::sourcesChanged, controller_, &Controller::setSources);
    connect(sources_, &SourcesPanel::sourcesChanged, this, [](const SourceSettings& s) {
        for (const ImageSourceSpec* side : {&s.reference, &s.candidate}) {
            if (side->kind == SourceKind::Program)
                StudioSettings().rememberProgram(QString::fromStdString(side->path));
            if (side->kind == SourceKind::Command)
                StudioSettings().rememberCommand(QString::fromStdString(side->command));
        }
    });
    connect(metrics_, &MetricsPanel::thresholdsChanged, controller_, &Controller::setThresholds);
    connect(metrics_, &MetricsPanel::jumpRequested, view_, &ComparisonView::jumpTo);
    // The plots follow the zoomed region, once the view has settled (a pan moves it many times).
    auto* roiSettled = new QTimer(this);
    roiSettled->setSingleShot(true);
    roiSettled->setInterval(150);
    connect(view_, &ComparisonView::regionOfInterestChanged, roiSettled, qOverload<>(&QTimer::start));
    connect(roiSettled, &QTimer::timeout, this, &MainWindow::updateRegionPlots);
    connect(view_, &ComparisonView::pixelHovered, this, [this](int f, int s) {
        if (!pinned_) showPixel(f, s, false);
    });
    connect(view_, &ComparisonView::pixelClicked, this, [this](int f, int s) {
        pinned_ = !pinned_;
        showPixel(f, s, pinned_);
        view_->setPinned(pinned_ ? std::optional(PixelPoint{double(f), double(s)}) : std::nullopt);
        traceDock_->traceAt(view_->shown(), f, s);  // both sides' traces of this pixel
    });
}

void MainWindow::buildMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&Open session…"), QKeySequence::Open, this, &MainWindow::openSession);
    recentMenu_ = file->addMenu(tr("Open &recent"));
    file->addAction(tr("&Save session"), QKeySequence::Save, this, [this] { saveSession(false); });
    file->addAction(tr("Save session &as…"), QKeySequence::SaveAs, this, [this] { saveSession(true); });
    file->addSeparator();
    file->addAction(tr("&Export comparison PNG…"), QKeySequence(tr("Ctrl+E")), this,
                    [this] { exportWith(ExportKind::Composite); });
    QMenu* more = file->addMenu(tr("Export &more"));
    more->addAction(tr("Each panel as PNG…"), this, [this] { exportWith(ExportKind::Panels); });
    more->addAction(tr("Images as raw float…"), this, [this] { exportWith(ExportKind::FloatImages); });
    more->addAction(tr("Images as SMV…"), this, [this] { exportWith(ExportKind::SmvImages); });
    more->addAction(tr("summary.json…"), this, [this] { exportWith(ExportKind::Summary); });
    file->addAction(tr("&Copy as command line"), QKeySequence(tr("Ctrl+Shift+C")), this,
                    &MainWindow::copyCommandLine);
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    QMenu* render = menuBar()->addMenu(tr("&Render"));
    render->addAction(tr("&Re-render"), QKeySequence(tr("Ctrl+R")), controller_, &Controller::renderNow);
    render->addAction(tr("&Cancel"), QKeySequence(Qt::Key_Escape), controller_, &Controller::cancel);
    render->addAction(tr("Reset &view"), QKeySequence(tr("Ctrl+0")), view_, &ComparisonView::resetView);
    render->addAction(view_->blinkAction());  // B
    render->addSeparator();
    // Checks that cost a render each (metrics panel lines; RunChecks).
    const auto check = [this, render](const QString& text, const QString& tip, bool RunChecks::*flag) {
        QAction* a = render->addAction(text);
        a->setCheckable(true);
        a->setToolTip(tip);
        a->setStatusTip(tip);
        connect(a, &QAction::toggled, this, [this, flag](bool on) {
            RunChecks checks = controller_->checks();
            checks.*flag = on;
            controller_->setChecks(checks);
        });
    };
    check(tr("Check &precision (float32 reference)"),
          tr("Also render the reference engine in float32: is float32 what separates the candidate?"),
          &RunChecks::precision);
    check(tr("Run programs &twice (noise floor)"),
          tr("Run program and command sides twice: a side whose runs differ gets its run-to-run noise floor"),
          &RunChecks::repeat);
    render->addSeparator();
    render->addAction(tr("Clear &history"), this, [this] { history_->clear(); });
    render->addAction(tr("Load the &demo"), this,
                      [this] { openSessionFile(QStringLiteral(":/demo-session.json")); });
    refreshRecentMenu();
}

void MainWindow::buildStatusBar() {
    message_ = new QLabel(this);
    progress_ = new QProgressBar(this);
    progress_->setRange(0, 1000);
    progress_->setMaximumWidth(220);
    progress_->setFormat(QStringLiteral("%p%"));
    cancel_ = new QToolButton(this);
    cancel_->setText(tr("Cancel"));
    cancel_->setToolTip(tr("Cancel the render (Esc)"));
    connect(cancel_, &QToolButton::clicked, controller_, &Controller::cancel);
    statusBar()->addWidget(message_, 1);
    statusBar()->addPermanentWidget(progress_);
    statusBar()->addPermanentWidget(cancel_);
    progress_->hide();
    cancel_->hide();
}

void MainWindow::connectController() {
    connect(controller_, &Controller::partialResult, view_, &ComparisonView::showPartial);
    connect(controller_, &Controller::resultReady, this, &MainWindow::showResult);
    connect(controller_, &Controller::renderFailed, parameters_, &ParameterPanel::showProblem);
    connect(controller_, &Controller::renderFailed, this,
            [this](const QString& m) { report(tr("Not rendered: %1").arg(m)); });
    connect(controller_, &Controller::renderCancelled, this, [this] { report(tr("Render cancelled")); });
    connect(controller_, &Controller::renderingChanged, this, [this](bool on) {
        progress_->setVisible(on);
        cancel_->setVisible(on);
    });
    connect(controller_, &Controller::progressChanged, this, [this](double fraction, const QString& stage) {
        progress_->setValue(int(fraction * 1000));
        progress_->setFormat(stage.isEmpty() ? QStringLiteral("%p%") : stage + QStringLiteral(" %p%"));
    });
}

void MainWindow::showResult(const RenderResultPtr& result) {
    view_->showResult(result);
    metrics_->showResult(*result);
    const double latency = controller_->millisecondsSinceEdit();
    metrics_->showLatency(latency);
    history_->addPoint(result->comparison->metrics.pearson, result->timings.speedup());
    updateRegionPlots();
    parameters_->clearProblem();
    if (const auto pinned = view_->pinned())
        showPixel(int(pinned->fast), int(pinned->slow), true);  // new values
    report(tr("%1 — %2×%3, edit → image %4 ms")
               .arg(QString::fromLatin1(toString(result->comparison->verdict)))
               .arg(result->experiment->detector.fpixels)
               .arg(result->experiment->detector.spixels)
               .arg(latency, 0, 'f', 0));
    emit resultShown(result);
}

void MainWindow::showPixel(int fast, int slow, bool pinned) {
    inspector_->showReport(view_->probe(fast, slow), pinned);
}

TracePanel& MainWindow::tracePanel() { return traceDock_->panel(); }

void MainWindow::updateRegionPlots() {
    const std::optional<Roi> roi = view_->currentRoi();
    radialProfile_->showResult(view_->shown(), roi);
    deltaHistogram_->showResult(view_->shown(), roi);
}

void MainWindow::report(const QString& message) { message_->setText(message); }

Session MainWindow::currentSession() const {
    return Session{controller_->params(), controller_->sources(), controller_->thresholds(),
                   view_->options()};
}

void MainWindow::applySession(const Session& session) {
    parameters_->setParams(session.params);
    sources_->setSources(session.sources);
    metrics_->setThresholds(session.thresholds);
    view_->setOptions(session.display);
    controller_->setSources(session.sources);
    controller_->setThresholds(session.thresholds);
    controller_->setParams(session.params);
}

void MainWindow::openSession() {
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open session"), StudioSettings().exportFolder(), tr("BraggStudio sessions (*.json)"));
    if (!path.isEmpty()) openSessionFile(path);
}

void MainWindow::openSessionFile(const QString& path) {
    try {
        applySession(loadSession(path));
        if (!path.startsWith(':')) {  // the built-in demo is no file to save over or recall
            sessionPath_ = path;
            StudioSettings().addRecentFile(path);
            refreshRecentMenu();
        }
        report(tr("Opened %1").arg(path));
    } catch (const std::exception& e) {
        showError(tr("Open session"), QString::fromStdString(e.what()));
    }
}

void MainWindow::saveSession(bool askForPath) {
    QString path = sessionPath_;
    if (askForPath || path.isEmpty())
        path = QFileDialog::getSaveFileName(this, tr("Save session"), StudioSettings().exportFolder(),
                                            tr("BraggStudio sessions (*.json)"));
    if (!path.isEmpty()) saveSessionTo(path);
}

bool MainWindow::saveSessionTo(const QString& path) {
    try {
        ::bragg::ui::saveSession(path, currentSession());  // atomic: temporary file, then rename
        sessionPath_ = path;
        StudioSettings().addRecentFile(path);
        refreshRecentMenu();
        report(tr("Saved %1").arg(path));
        return true;
    } catch (const std::exception& e) {
        showError(tr("Save session"), QString::fromStdString(e.what()));
        return false;
    }
}

void MainWindow::showError(const QString& title, const QString& message) {
    report(tr("%1 failed: %2").arg(title, message));
    auto* box = new QMessageBox(QMessageBox::Warning, title, message, QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

QString MainWindow::statusText() const { return message_->text(); }

void MainWindow::refreshRecentMenu() {
    recentMenu_->clear();
    for (const QString& path : StudioSettings().recentFiles())
        recentMenu_->addAction(path, this, [this, path] { openSessionFile(path); });
    recentMenu_->setEnabled(!recentMenu_->isEmpty());
}

void MainWindow::exportWith(ExportKind kind) {
    const ExportFormat format = exportFormat(kind);
    const QString path =
        QFileDialog::getSaveFileName(this, format.title, StudioSettings().exportFolder(), format.filter);
    if (!path.isEmpty()) exportTo(kind, path);
}

bool MainWindow::exportTo(ExportKind kind, const QString& path) {
    const QString title = exportFormat(kind).title;
    try {
        const QStringList written = ComparisonExport(*view_, view_->shown()).write(kind, path);
        StudioSettings().setExportFolder(QFileInfo(path).path());
        report(tr("Exported %1").arg(written.join(QStringLiteral(", "))));
        return true;
    } catch (const std::exception& e) {
        showError(title, QString::fromStdString(e.what()));
        return false;
    }
}

void MainWindow::exportComparison(const QString& pngPath, const QString& summaryPath) {
    const ComparisonExport exporter(*view_, view_->shown());
    exporter.writeComposite(pngPath);
    if (!summaryPath.isEmpty()) exporter.writeSummary(summaryPath, {pngPath});
}

void MainWindow::copyCommandLine() {
    const QString line = simulateCommandLine(controller_->params());
    QApplication::clipboard()->setText(line);
    report(tr("Copied: %1").arg(line));
}

void MainWindow::closeEvent(QCloseEvent* event) {
    StudioSettings().setWindow(saveGeometry(), saveState());
    StudioSettings().setDisplayOptions(view_->options());
    controller_->cancel();
    QMainWindow::closeEvent(event);
}

}  // namespace bragg::ui
