#pragma once
// The trace panel as a dock of the main window: hidden until the first click on a pixel, then
// shown, raised and tracing that pixel; it traces the same pixel again after every new result
// while it is open (so a physics change shows at once what it changes there).
#include <QDockWidget>

class QMainWindow;

#include "RenderTypes.h"

namespace bragg::ui {

class TracePanel;

class TraceDock : public QDockWidget {
    Q_OBJECT
public:
    explicit TraceDock(QWidget* parent = nullptr);
    static TraceDock* addTo(QMainWindow* window);  // right dock area, hidden
    TracePanel& panel() { return *panel_; }

    void traceAt(const RenderResultPtr& result, int fast, int slow);  // opens the dock
    void refresh(const RenderResultPtr& result);                      // only while it is open

private:
    TracePanel* panel_;
};

}  // namespace bragg::ui
