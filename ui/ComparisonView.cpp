#include "ComparisonView.h"

#include <QAction>
#include <QSplitter>
#include <QTimer>
#include <QVBoxLayout>

#include <cmath>

#include "DisplayOptionsBar.h"
#include "ImagePanel.h"
#include "PanelScaleBar.h"

namespace bragg::ui {

ComparisonView::ComparisonView(QWidget* parent)
    : QWidget(parent),
      bar_(new DisplayOptionsBar(this)),
      blinkTimer_(new QTimer(this)),
      blinkAction_(new QAction(tr("&Blink reference/candidate"), this)) {
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
        if (i == kDifferencePanel)
            connect(panel, &ImagePanel::pixelClicked, this, &ComparisonView::differenceClicked);
        else
            connect(panel, &ImagePanel::pixelClicked, this, &ComparisonView::pixelClicked);
        connect(panel, &ImagePanel::viewChanged, this, [this] {
            zoomedTile_.reset();  // moved away from the tile a click zoomed to
            emit regionOfInterestChanged();
        });
        connect(scaleBar, &PanelScaleBar::scaleChanged, this, &ComparisonView::optionsEdited);
    }
    connect(panels_[kCandidatePanel], &ImagePanel::dividerMoved, this, &ComparisonView::setSwipeDivider);
    connect(bar_, &DisplayOptionsBar::modeChanged, this, &ComparisonView::setMode);
    connect(blinkTimer_, &QTimer::timeout, this, [this] {
        blinkShowsCandidate_ = !blinkShowsCandidate_;
        showCandidatePanel();
        emit blinkToggled(blinkShowsCandidate_);
    });
    blinkAction_->setShortcut(QKeySequence(Qt::Key_B));
    blinkAction_->setShortcutContext(Qt::WindowShortcut);
    addAction(blinkAction_);
    connect(blinkAction_, &QAction::triggered, this,
            [this] { setMode(mode_ == CompareMode::Blink ? CompareMode::SideBySide : CompareMode::Blink); });
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
    blinkTimer_->setInterval(options.blinkIntervalMs);
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
    if (mode_ == CompareMode::SideBySide) panels_[1]->setImage(candidate, linked_ ? reference : nullptr);
}

void ComparisonView::setMode(CompareMode mode) {
    if (mode == mode_) return;
    mode_ = mode;
    bar_->setMode(mode);  // when set from here or key B
    blinkShowsCandidate_ = false;
    if (mode == CompareMode::Blink)
        blinkTimer_->start();
    else
        blinkTimer_->stop();
    if (!shown_) return;
    if (mode == CompareMode::SideBySide) {
        showIntensities(shown_->reference, shown_->candidate);
        setTitles(*shown_, true);
    } else {
        showCandidatePanel();
    }
    updateOverlays();
}

void ComparisonView::showCandidatePanel() {
    if (!shown_ || !shown_->reference || !shown_->candidate || mode_ == CompareMode::SideBySide) return;
    const std::shared_ptr<const Image>& reference = shown_->reference;
    const std::shared_ptr<const Image>& candidate = shown_->candidate;
    // One range from both images' pixels, whatever the link: the colours of the two must match.
    if (mode_ == CompareMode::Blink) {
        panels_[kCandidatePanel]->setImage(blinkShowsCandidate_ ? candidate : reference,
                                           {reference, candidate});
        panels_[kCandidatePanel]->setTitle(blinkShowsCandidate_ ? tr("Blink: Candidate")
                                                                : tr("Blink: Reference"));
        return;
    }
    if (swipeDivider_ < 0) swipeDivider_ = 0.5 * (reference->fpixels - 1);
    panels_[kCandidatePanel]->setImage(
        std::make_shared<const Image>(display::swipeImage(*reference, *candidate, swipeDivider_)),
        {reference, candidate});
    panels_[kCandidatePanel]->setTitle(tr("Swipe: Reference | Candidate"));
}

void ComparisonView::setSwipeDivider(double fast) {
    swipeDivider_ = fast;
    showCandidatePanel();
    updateOverlays();
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
    if (mode_ != CompareMode::SideBySide && complete) showCandidatePanel();  // its own title
}

void ComparisonView::showPartial(const RenderResultPtr& result) {
    // A side not there yet keeps its previous image (titled as such); it still counts for a
    // linked range.
    if (result->reference) panels_[0]->setImage(result->reference, linked_ ? panels_[1]->image() : nullptr);
    if (result->candidate && mode_ == CompareMode::SideBySide)
        panels_[1]->setImage(result->candidate, linked_ ? panels_[0]->image() : nullptr);
    setTitles(*result, false);
}

void ComparisonView::showResult(const RenderResultPtr& result) {
    const bool sameSize = shown_ && shown_->reference && result->reference &&
                          shown_->reference->fpixels == result->reference->fpixels;
    shown_ = result;
    if (!sameSize) swipeDivider_ = -1;
    zoomedTile_.reset();
    showIntensities(result->reference, result->candidate);
    panels_[2]->setDifference(result->reference, result->candidate);
    setTitles(*result, true);
    updateOverlays();
    emit regionOfInterestChanged();
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
        // Where the images part: tiles and shells, on the Difference panel.
        if (i == kDifferencePanel && shown_->comparison && shown_->comparison->regions) {
            panel.tiles = shown_->comparison->regions->tiles;
            panel.shellRings = shellRings();
            panel.pearsonMin = shown_->comparison->thresholds.pearsonMin;
        }
        if (i == kCandidatePanel && mode_ == CompareMode::Swipe) panel.swipeDivider = swipeDivider_;
        panels_[std::size_t(i)]->setOverlays(panel);
    }
}

std::vector<ShellRing> ComparisonView::shellRings() const {
    std::vector<ShellRing> rings;
    if (!options().showRegions) return rings;  // tracing rings costs little, but none is needed
    // Each shell's high-resolution edge, traced on the detector like the d-spacing rings.
    for (const ShellMetrics& shell : shown_->comparison->regions->shells)
        if (shell.metrics.pixels > 0 && shell.dMinA > 0 && std::isfinite(shell.dMinA))
            rings.push_back({resolutionRing(*shown_->experiment, shell.dMinA), shell.metrics.pearson});
    return rings;
}

void ComparisonView::differenceClicked(int fast, int slow) {
    // With the regions overlay, a click zooms to the tile under it; a second click on that tile
    // pins the pixel as on the other panels.
    const bool regions = options().showRegions && shown_ && shown_->comparison && shown_->comparison->regions;
    if (regions) {
        const std::vector<TileMetrics>& tiles = shown_->comparison->regions->tiles;
        for (std::size_t i = 0; i < tiles.size(); ++i) {
            const TileMetrics& t = tiles[i];
            if (fast < t.fastBegin || fast >= t.fastEnd || slow < t.slowBegin || slow >= t.slowEnd) continue;
            if (zoomedTile_ == i) break;
            panels_[kDifferencePanel]->zoomTo(QRectF(t.fastBegin - 0.5, t.slowBegin - 0.5,
                                                     t.fastEnd - t.fastBegin, t.slowEnd - t.slowBegin));
            zoomedTile_ = i;  // after zoomTo, whose viewChanged clears it
            return;
        }
    }
    emit pixelClicked(fast, slow);
}

std::optional<Roi> ComparisonView::currentRoi() const {
    if (!shown_ || !shown_->reference) return std::nullopt;
    const int w = shown_->reference->fpixels, h = shown_->reference->spixels;
    Roi r =
        shown_->comparison && shown_->comparison->roi ? *shown_->comparison->roi : Roi{0, w - 1, 0, h - 1};
    // The pixels whose centres are on screen.
    const QRectF v = panels_[kDifferencePanel]->view();
    r.xmin = std::max(r.xmin, int(std::ceil(v.left())));
    r.xmax = std::min(r.xmax, int(std::floor(v.right())));
    r.ymin = std::max(r.ymin, int(std::ceil(v.top())));
    r.ymax = std::min(r.ymax, int(std::floor(v.bottom())));
    if (r.xmin > r.xmax || r.ymin > r.ymax)
        return shown_->comparison ? shown_->comparison->roi : std::nullopt;
    if (r == Roi{0, w - 1, 0, h - 1}) return std::nullopt;
    return r;
}

std::optional<PixelReport> ComparisonView::probe(int fast, int slow) const {
    if (!shown_ || !shown_->experiment) return std::nullopt;
    return probePixel(*shown_->experiment, shown_->reference.get(), shown_->candidate.get(), fast, slow);
}

void ComparisonView::jumpTo(int fast, int slow) { panels_[0]->centreOn(fast, slow); }

void ComparisonView::resetView() {
    for (ImagePanel* p : panels_) p->resetView();
    zoomedTile_.reset();
    emit regionOfInterestChanged();
}

}  // namespace bragg::ui
