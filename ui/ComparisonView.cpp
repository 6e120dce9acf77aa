#include "ComparisonView.h"

#include <QSplitter>
#include <QVBoxLayout>

#include "DisplayOptionsBar.h"
#include "ImagePanel.h"
#include "PanelScaleBar.h"

namespace bragg::ui {

ComparisonView::ComparisonView(QWidget* parent) : QWidget(parent), bar_(new DisplayOptionsBar(this)) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(bar_);
    auto* splitter = new QSplitter(Qt::Horizontal, this);
    const QString titles[] = {tr("Reference"), tr("Candidate"), tr("Difference")};
    for (int i = 0; i < kPanelCount; ++i) {
        // Each column: the panel's own colour-scale bar over the panel.
        auto* column = new QWidget(splitter);
        auto* columnLayout = new QVBoxLayout(column);
        columnLayout->setContentsMargins(0, 0, 0, 0);
        columnLayout->setSpacing(0);
        auto* scaleBar = new PanelScaleBar(column);
        auto* panel = new ImagePanel(
            titles[i],
            i == kDifferencePanel ? ImagePanel::Content::Difference : ImagePanel::Content::Intensity, column);
        columnLayout->addWidget(scaleBar);
        columnLayout->addWidget(panel, 1);
        splitter->addWidget(column);
        scaleBars_.push_back(scaleBar);
        panels_.push_back(panel);
        connect(panel, &ImagePanel::pixelHovered, this, &ComparisonView::pixelHovered);
        connect(panel, &ImagePanel::pixelClicked, this, &ComparisonView::pixelClicked);
        connect(scaleBar, &PanelScaleBar::scaleChanged, this, &ComparisonView::optionsEdited);
    }
    layout->addWidget(splitter, 1);
    ImagePanel::linkViews(panels_);
    connect(bar_, &DisplayOptionsBar::optionsChanged, this, &ComparisonView::optionsEdited);
    applyOptions(options());
}

DisplayOptions ComparisonView::options() const {
    DisplayOptions o = bar_->options();
    for (std::size_t i = 0; i < o.panels.size(); ++i) o.panels[i] = scaleBars_[i]->scale();
    return o;
}

void ComparisonView::setOptions(const DisplayOptions& options) {
    bar_->setOptions(options);
    for (std::size_t i = 0; i < options.panels.size(); ++i) scaleBars_[i]->setScale(options.panels[i]);
    applyOptions(options);
}

void ComparisonView::optionsEdited() {
    const DisplayOptions o = options();
    applyOptions(o);
    emit optionsChanged(o);
}

void ComparisonView::applyOptions(const DisplayOptions& options) {
    for (std::size_t i = 0; i < options.panels.size(); ++i) {
        panels_[i]->setOptions(options);
        panels_[i]->setScale(options.panels[i]);
    }
    scaleBars_[kDifferencePanel]->setSchemeEnabled(options.difference == DifferenceKind::Absolute);
    if (options.linkScales != linked_) {
        linked_ = options.linkScales;
        if (panels_[0]->image() && panels_[1]->image())
            showIntensities(panels_[0]->image(), panels_[1]->image());
    }
    updateOverlays();
}

// With linked scales each intensity panel's colour range also counts the other image's pixels.
void ComparisonView::showIntensities(const std::shared_ptr<const Image>& reference,
                                     const std::shared_ptr<const Image>& candidate) {
    panels_[0]->setImage(reference, linked_ ? candidate : nullptr);
    panels_[1]->setImage(candidate, linked_ ? reference : nullptr);
}

void ComparisonView::setTitles(const RenderResult& r, bool complete) {
    // A side still running keeps its previous image on screen: its title says so, so that a stale
    // image is never taken for the current one.
    const auto sideTitle = [&](const QString& name, const std::string& label,
                               const std::shared_ptr<const Image>& image,
                               const std::optional<double>& preview) {
        QString title = name + QStringLiteral(": ") + QString::fromStdString(label);
        if (complete) return title;
        if (!image) return title + tr(" — running… (previous image)");
        if (preview) return title + tr(" — rendering %1 %").arg(int(100 * *preview));
        return title;
    };
    panels_[0]->setTitle(
        sideTitle(tr("Reference"), r.sources.reference.label(), r.reference, r.referencePreview));
    panels_[1]->setTitle(
        sideTitle(tr("Candidate"), r.sources.candidate.label(), r.candidate, r.candidatePreview));
    static const char* kinds[] = {"cand − ref", "|cand − ref|", "relative"};
    QString difference = tr("Difference: %1").arg(QString::fromUtf8(kinds[int(options().difference)]));
    if (!complete)
        difference += !r.reference || r.referencePreview   ? tr(" — waiting for reference (previous)")
                      : !r.candidate || r.candidatePreview ? tr(" — waiting for candidate (previous)")
                                                           : tr(" — comparing…");
    panels_[2]->setTitle(difference);
}

void ComparisonView::showPartial(const RenderResultPtr& result) {
    // A side not there yet keeps its previous image (titled as such); it still counts for a
    // linked range.
    if (result->reference) panels_[0]->setImage(result->reference, linked_ ? panels_[1]->image() : nullptr);
    if (result->candidate) panels_[1]->setImage(result->candidate, linked_ ? panels_[0]->image() : nullptr);
    setTitles(*result, false);
}

void ComparisonView::showResult(const RenderResultPtr& result) {
    shown_ = result;
    showIntensities(result->reference, result->candidate);
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
    for (int i = 0; i < kPanelCount; ++i) {
        Overlays panel = overlays;
        // Where the images part: the failing tiles, on the Difference panel.
        if (i == kDifferencePanel && shown_->comparison && shown_->comparison->regions) {
            panel.tiles = shown_->comparison->regions->tiles;
            panel.pearsonMin = shown_->comparison->thresholds.pearsonMin;
        }
        panels_[std::size_t(i)]->setOverlays(panel);
    }
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
