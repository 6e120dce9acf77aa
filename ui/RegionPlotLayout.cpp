#include "RegionPlotLayout.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

#include <qcustomplot.h>

namespace bragg::ui {

void layOutRegionPlot(QWidget& owner, QWidget* control, QLabel* caption, QCustomPlot* plot) {
    auto* layout = new QVBoxLayout(&owner);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* row = new QHBoxLayout;
    row->addWidget(control);
    row->addWidget(caption, 1);
    layout->addLayout(row);
    layout->addWidget(plot, 1);
    owner.setMinimumHeight(150);
    const QFont small(owner.font().family(), 8);
    for (QCPAxis* a : {plot->xAxis, plot->yAxis, plot->yAxis2}) {
        a->setLabelFont(small);
        a->setTickLabelFont(small);
    }
    plot->legend->setFont(small);
}

QString roiText(const std::optional<Roi>& roi) {
    if (!roi) return QObject::tr("whole image");
    return QObject::tr("fast %1–%2, slow %3–%4").arg(roi->xmin).arg(roi->xmax).arg(roi->ymin).arg(roi->ymax);
}

}  // namespace bragg::ui
