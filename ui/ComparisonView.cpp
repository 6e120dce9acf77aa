#include "ComparisonView.h"

#include <QSplitter>
#include <QVBoxLayout>

#include "DisplayOptionsBar.h"
#include "ImagePanel.h"

namespace bragg::ui {

ComparisonView::ComparisonView(QWidget* parent) : QWidget(parent), bar_(new DisplayOptionsBar(this)) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(bar_);
    auto* splitter = new QSplitter(Qt::Horizontal, this);
    panels_ = {new ImagePanel(tr("Reference"), ImagePanel::Content::Intensity, splitter),
               new ImagePanel(tr("Candidate"), ImagePanel::Content::Intensity, splitter),
               new ImagePanel(tr("Difference"), ImagePanel::Content::Difference, splitter)};
    for (ImagePanel* p : panels_) {
        splitter->addWidget(p);
        connect(p, &ImagePanel::pixelHovered, this, &ComparisonView::pixelHovered);
        connect(p, &ImagePanel::pixelClicked, this, &ComparisonView::pixelClicked);
    }
    layout->addWidget(splitter, 1);
    ImagePanel::linkViews(panels_);
    connect(bar_, &DisplayOptionsBar::optionsChanged, this, [this](const DisplayOptions& o) {
        applyOptions(o);
        emit optionsChanged(o);
    });
    applyOptions(bar_->options());
}

DisplayOptions ComparisonView::options() const { return bar_->options(); }

void ComparisonView::setOptions(const DisplayOptions& options) {
    bar_->setOptions(options);
    applyOptions(options);
}

void ComparisonView::applyOptions(const DisplayOptions& options) {
    for (ImagePanel* p : panels_) p->setOptions(options);
    updateOverlays();
}

void ComparisonView::setTitles(const RenderResult& r, bool complete) {
    const QString pending = tr(" — rendering…");
    panels_[0]->setTitle(tr("Reference: %1").arg(QString::fromStdString(r.sources.reference.label())) +
                         (complete ? QString() : pending));
    panels_[1]->setTitle(tr("Candidate: %1").arg(QString::fromStdString(r.sources.candidate.label())));
    static const char* kinds[] = {"cand − ref", "|cand − ref|", "relative"};
    panels_[2]->setTitle(tr("Difference: %1").arg(QString::fromUtf8(kinds[int(options().difference)])) +
                         (complete ? QString() : pending));
}

void ComparisonView::showPartial(const RenderResultPtr& result) {
    panels_[1]->setImage(result->candidate);
    setTitles(*result, false);
}

void ComparisonView::showResult(const RenderResultPtr& result) {
    shown_ = result;
    panels_[0]->setImage(result->reference);
    panels_[1]->setImage(result->candidate);
    panels_[2]->setDifference(result->reference, result->candidate);
    setTitles(*result, true);
    updateOverlays();
}

void ComparisonView::setPinned(std::optional<PixelPoint> pixel) {
    pinned_ = pixel;
    updateOverlays();
}

void ComparisonView::updateOverlays() {
    if (!shown_ || !shown_->experiment) return;
    const Experiment& e = *shown_->experiment;
    const DisplayOptions o = options();
    Overlays overlays;
    overlays.pinned = pinned_;
    overlays.beamCentre = beamCentrePixel(e);
    if (o.showRings) overlays.rings = resolutionRings(e, o.ringSpacingsA);
    const PixelSelection& sel = e.selection;
    if (sel.xmin > 0 || sel.ymin > 0 || sel.xmax < sel.fpixels - 1 || sel.ymax < sel.spixels - 1)
        overlays.roi = Roi{sel.xmin, sel.xmax, sel.ymin, sel.ymax};
    for (ImagePanel* p : panels_) p->setOverlays(overlays);
}

std::optional<PixelReport> ComparisonView::probe(int fast, int slow) const {
    if (!shown_ || !shown_->experiment) return std::nullopt;
    return probePixel(*shown_->experiment, shown_->reference.get(), shown_->candidate.get(), fast, slow);
}

void ComparisonView::jumpTo(int fast, int slow) { panels_[0]->centreOn(fast, slow); }

void ComparisonView::resetView() {
    for (ImagePanel* p : panels_) p->resetView();
}

}  // namespace bragg::ui
