#pragma once
// The main window only assembles: parameter and source panels (left), the comparison view
// (centre), metrics, history and pixel inspector (right), the pixel trace (a dock a click opens),
// the status bar with progress and cancel, and the menus. Slots forward to the controller or to a panel.
#include <QMainWindow>

#include "ComparisonExport.h"
#include "RenderTypes.h"

class QLabel;
class QMenu;
class QProgressBar;
class QToolButton;

namespace bragg::ui {

class ComparisonView;
class Controller;
class DeltaHistogramPlot;
class HistoryPlot;
class MetricsPanel;
class ParameterPanel;
class PixelInspector;
class RadialProfilePlot;
class SourcesPanel;
class TraceDock;
class TracePanel;
struct Session;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    Controller& controller() { return *controller_; }
    ComparisonView& view() { return *view_; }
    ParameterPanel& parameters() { return *parameters_; }
    MetricsPanel& metrics() { return *metrics_; }
    PixelInspector& inspector() { return *inspector_; }
    TracePanel& tracePanel();  // in a dock, opened by a click on a pixel
    RadialProfilePlot& radialProfile() { return *radialProfile_; }
    DeltaHistogramPlot& deltaHistogram() { return *deltaHistogram_; }

    void applySession(const Session& session);  // panels and controller; renders
    Session currentSession() const;
    // Composite PNG (+ summary.json if the path is not empty) of the shown result; throws bragg::Error.
    void exportComparison(const QString& pngPath, const QString& summaryPath);
    // File ▸ Export once a path is chosen: writes, or shows why not in a dialog (returns false).
    bool exportTo(ExportKind kind, const QString& path);
    void openSessionFile(const QString& path);  // a failure is shown in a dialog
    bool saveSessionTo(const QString& path);    // a failure is shown in a dialog
    // A problem the user must see: a window-modal message box that does not block the event loop
    // (renders go on), and the status bar. Errors never go only to stderr.
    void showError(const QString& title, const QString& message);
    QString statusText() const;

signals:
    void resultShown(bragg::ui::RenderResultPtr result);  // after every panel was updated

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void buildDocks();
    void buildMenus();
    void buildStatusBar();
    void connectController();
    void showResult(const RenderResultPtr& result);
    void openSession();
    void saveSession(bool askForPath);
    void exportWith(ExportKind kind);  // asks for the path
    void copyCommandLine();
    void refreshRecentMenu();
    void showPixel(int fast, int slow, bool pinned);
    void updateRegionPlots();  // the shown result over the view's current ROI
    void report(const QString& message);

    Controller* controller_;
    ComparisonView* view_;
    ParameterPanel* parameters_ = nullptr;
    SourcesPanel* sources_ = nullptr;
    MetricsPanel* metrics_ = nullptr;
    HistoryPlot* history_ = nullptr;
    RadialProfilePlot* radialProfile_ = nullptr;
    DeltaHistogramPlot* deltaHistogram_ = nullptr;
    PixelInspector* inspector_ = nullptr;
    TraceDock* traceDock_ = nullptr;
    QLabel* message_ = nullptr;
    QProgressBar* progress_ = nullptr;
    QToolButton* cancel_ = nullptr;
    QMenu* recentMenu_ = nullptr;
    QString sessionPath_;
    bool pinned_ = false;
};

}  // namespace bragg::ui
