#include "RadialProfilePlot.h"

#include <QComboBox>
#include <QLabel>

#include <algorithm>
#include <cmath>

#include <qcustomplot.h>

#include "RegionPlotLayout.h"
#include "compare/DSpacingMap.h"

namespace bragg::ui {

RadialProfilePlot::RadialProfilePlot(QWidget* parent)
    : QWidget(parent), axis_(new QComboBox(this)), caption_(new QLabel(this)), plot_(new QCustomPlot(this)) {
    axis_->setObjectName(QStringLiteral("radialAxis"));
    axis_->addItems({tr("against 2θ"), tr("against d-spacing")});
    layOutRegionPlot(*this, axis_, caption_, plot_);
    plot_->yAxis->setLabel(tr("mean intensity"));
    plot_->yAxis2->setVisible(true);
    plot_->yAxis2->setLabel(tr("candidate / reference"));
    const std::pair<QString, QColor> graphs[] = {{tr("reference"), QColor(30, 100, 200)},
                                                 {tr("candidate"), QColor(220, 110, 0)},
                                                 {tr("ratio"), QColor(40, 150, 60)}};
    for (int i = 0; i < 3; ++i) {
        QCPGraph* g = plot_->addGraph(plot_->xAxis, i == 2 ? plot_->yAxis2 : plot_->yAxis);
        g->setName(graphs[i].first);
        g->setPen(QPen(graphs[i].second, 1.5, i == 2 ? Qt::DashLine : Qt::SolidLine));
    }
    plot_->legend->setVisible(true);
    plot_->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);
    connect(axis_, &QComboBox::currentIndexChanged, this, &RadialProfilePlot::replot);
    replot();
}

RadialProfilePlot::Axis RadialProfilePlot::axis() const { return Axis(axis_->currentIndex()); }

void RadialProfilePlot::setAxis(Axis axis) { axis_->setCurrentIndex(int(axis)); }

int RadialProfilePlot::binsFor(std::size_t pixels) {
    return std::clamp(int(std::lround(std::sqrt(double(pixels)))), 8, 100);
}

void RadialProfilePlot::showResult(const RenderResultPtr& r, const std::optional<Roi>& roi) {
    profile_.clear();
    if (!r || !r->complete || !r->experiment || !r->reference || !r->candidate) {
        caption_->setText(tr("no comparison yet"));
        return replot();
    }
    if (mapFor_ != r->experiment) {  // the map depends on the geometry alone: kept across renders
        dSpacingA_ = dSpacingMapA(*r->experiment);
        mapFor_ = r->experiment;
    }
    const std::size_t pixels =
        roi ? std::size_t(roi->xmax - roi->xmin + 1) * std::size_t(roi->ymax - roi->ymin + 1)
            : r->reference->size();
    profile_ = radialProfile(*r->reference, *r->candidate, dSpacingA_, r->experiment->beam.lambda0 * 1e10,
                             binsFor(pixels), roi);
    caption_->setText(tr("azimuthal average over %1, %2 bins of 2θ").arg(roiText(roi)).arg(profile_.size()));
    replot();
}

void RadialProfilePlot::replot() {
    const bool dSpacing = axis() == Axis::DSpacing;
    plot_->xAxis->setLabel(dSpacing ? tr("d-spacing (Å)") : tr("2θ (°)"));
    QVector<double> x, reference, candidate, ratio;
    for (const RadialBin& b : profile_) {
        if (b.pixels == 0 || (dSpacing && !std::isfinite(b.dSpacingA))) continue;
        x << (dSpacing ? b.dSpacingA : b.twoThetaDeg);
        reference << b.meanReference;
        candidate << b.meanCandidate;
        ratio << b.ratio;  // NaN (reference mean 0) leaves a gap
    }
    plot_->graph(0)->setData(x, reference);
    plot_->graph(1)->setData(x, candidate);
    plot_->graph(2)->setData(x, ratio);
    plot_->xAxis->setRangeReversed(dSpacing);  // resolution still grows to the right
    plot_->rescaleAxes();
    // The ratio axis always shows 1 (agreement), with some room: a constant ratio is no flat line
    // at the axis' edge, nor noise magnified to fill it.
    QCPRange ratioRange = plot_->yAxis2->range();
    ratioRange.expand(1.0);
    const double pad = std::max(0.05 * ratioRange.size(), 0.01);
    plot_->yAxis2->setRange(ratioRange.lower - pad, ratioRange.upper + pad);
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

}  // namespace bragg::ui
