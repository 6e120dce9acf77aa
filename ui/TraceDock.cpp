#include "TraceDock.h"

#include <QMainWindow>

#include "TracePanel.h"

namespace bragg::ui {

TraceDock::TraceDock(QWidget* parent) : QDockWidget(tr("Pixel trace"), parent), panel_(new TracePanel(this)) {
    setObjectName(QStringLiteral("traceDock"));
    setWidget(panel_);
    hide();
}

TraceDock* TraceDock::addTo(QMainWindow* window) {
    auto* dock = new TraceDock(window);
    window->addDockWidget(Qt::RightDockWidgetArea, dock);
    dock->hide();
    return dock;
}

void TraceDock::traceAt(const RenderResultPtr& result, int fast, int slow) {
    show();
    raise();
    panel_->traceAt(result, fast, slow);
}

void TraceDock::refresh(const RenderResultPtr& result) {
    if (!isHidden()) panel_->refresh(result);
}

}  // namespace bragg::ui
