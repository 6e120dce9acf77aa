#include "DeltaHistogramPlot.h"

#include <QComboBox>
#include <QLabel>

#include <qcustomplot.h>

#include "display/ColourMap.h"
#include "RegionPlotLayout.h"

namespace bragg::ui {

DeltaHistogramPlot::DeltaHistogramPlot(QWidget* parent)
    : QWidget(parent), kind_(new QComboBox(this)), caption_(new QLabel(this)), plot_(new QCustomPlot(this)) {
    kind_->setObjectName(QStringLiteral("deltaKind"));
    kind_->addItems({tr("Δ signed"), tr("relative Δ")});
    layOutRegionPlot(*this, kind_, caption_, plot_);
    plot_->yAxis->setLabel(tr("pixels"));
    auto* bars = new QCPBars(plot_->xAxis, plot_->yAxis);
    bars->setPen(QPen(QColor(150, 40, 40)));
    bars->setBrush(QColor(200, 80, 80, 160));
    connect(kind_, &QComboBox::currentIndexChanged, this, &DeltaHistogramPlot::recompute);
    recompute();
}

bool DeltaHistogramPlot::relative() const { return kind_->currentIndex() == 1; }

void DeltaHistogramPlot::setRelative(bool relative) { kind_->setCurrentIndex(relative ? 1 : 0); }

void DeltaHistogramPlot::showResult(const RenderResultPtr& result, const std::optional<Roi>& roi) {
    result_ = result;
    roi_ = roi;
    recompute();
}

void DeltaHistogramPlot::recompute() {
    histogram_ = {};
    const bool ready = result_ && result_->complete && result_->reference && result_->candidate;
    std::optional<Image> delta;
    if (ready)
        delta = display::differenceImage(
            *result_->reference, *result_->candidate,
            relative() ? display::DifferenceKind::Relative : display::DifferenceKind::Signed);
    if (delta) histogram_ = bragg::histogram(*delta, kBins, roi_);
    plot_->xAxis->setLabel(relative() ? tr("(cand − ref) / |ref|") : tr("cand − ref"));
    auto* bars = static_cast<QCPBars*>(plot_->plottable(0));
    QVector<double> centres, counts;
    for (std::size_t b = 0; b < histogram_.counts.size(); ++b) {
        centres << histogram_.binCentre(b);
        counts << double(histogram_.counts[b]);
    }
    bars->setWidth(histogram_.binWidth());
    bars->setData(centres, counts, true);
    caption_->setText(!delta ? tr("no comparison yet")
                             : tr("%1, %2 bins%3")
                                   .arg(roiText(roi_))
                                   .arg(kBins)
                                   .arg(histogram_.nonFinite
                                            ? tr(", %1 non-finite left out").arg(histogram_.nonFinite)
                                            : QString()));
    plot_->rescaleAxes();
    plot_->yAxis->setRangeLower(0);
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

}  // namespace bragg::ui
