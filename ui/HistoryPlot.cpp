#include "HistoryPlot.h"

#include <QVBoxLayout>

#include <qcustomplot.h>

namespace bragg::ui {

HistoryPlot::HistoryPlot(QWidget* parent) : QWidget(parent), plot_(new QCustomPlot(this)) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(plot_);
    setMinimumHeight(150);
    plot_->yAxis2->setVisible(true);
    plot_->xAxis->setLabel(tr("render"));
    plot_->yAxis->setLabel(tr("correlation"));
    plot_->yAxis2->setLabel(tr("speedup ×"));
    auto* correlation = plot_->addGraph(plot_->xAxis, plot_->yAxis);
    correlation->setName(tr("correlation"));
    correlation->setPen(QPen(QColor(30, 100, 200), 1.5));
    correlation->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, 4));
    auto* speedup = plot_->addGraph(plot_->xAxis, plot_->yAxis2);
    speedup->setName(tr("speedup"));
    speedup->setPen(QPen(QColor(220, 110, 0), 1.5));
    speedup->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssSquare, 4));
    plot_->legend->setVisible(true);
    plot_->legend->setFont(QFont(font().family(), 7));
    plot_->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignBottom | Qt::AlignLeft);
}

void HistoryPlot::addPoint(double correlation, double speedup) {
    ++count_;
    plot_->graph(0)->addData(count_, correlation);
    if (speedup > 0) plot_->graph(1)->addData(count_, speedup);
    plot_->xAxis->setRange(0.5, count_ + 0.5);
    bool found = false;
    QCPRange r = plot_->graph(0)->getValueRange(found);
    if (found) plot_->yAxis->setRange(std::min(r.lower, 0.999) - 1e-4, 1.0 + 1e-4);
    r = plot_->graph(1)->getValueRange(found);
    if (found) plot_->yAxis2->setRange(0, r.upper * 1.15 + 0.1);
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

void HistoryPlot::clear() {
    count_ = 0;
    plot_->graph(0)->data()->clear();
    plot_->graph(1)->data()->clear();
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

}  // namespace bragg::ui
