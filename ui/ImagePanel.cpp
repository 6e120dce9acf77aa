#include "ImagePanel.h"

#include <QImage>
#include <QMouseEvent>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>

#include <qcustomplot.h>

namespace bragg::ui {

namespace {

// Colour-bar ticks sit in transformed units; their labels show the original values.
class TransformTicker : public QCPAxisTicker {
public:
    explicit TransformTicker(IntensityTransform transform) : transform_(transform) {}

protected:
    QString getTickLabel(double tick, const QLocale& locale, QChar formatChar, int precision) override {
        if (transform_.kind == ScaleKind::Linear)
            return QCPAxisTicker::getTickLabel(tick, locale, formatChar, precision);
        return QString::number(transform_.inverse(tick), 'g', 3);
    }

private:
    IntensityTransform transform_;
};

constexpr int kGradientLevels = 1024;

// The display module's colour stops as a QCustomPlot gradient: QCustomPlot interpolates linearly in
// RGB between stops as display::colourAt does; its level count is raised so that quantisation moves
// no colour by more than one unit.
QCPColorGradient gradientOf(const std::vector<display::ColourStop>& stops) {
    QCPColorGradient g;
    g.setLevelCount(kGradientLevels);
    QMap<double, QColor> colours;
    for (const display::ColourStop& stop : stops)
        colours[stop.position] = QColor(stop.rgb[0], stop.rgb[1], stop.rgb[2]);
    g.setColorStops(colours);
    return g;
}

// NaN and ±inf get the colour the CLI's PNGs give them, whatever the scheme.
QCPColorGradient withNonFiniteColour(QCPColorGradient g) {
    g.setNanHandling(QCPColorGradient::nhNanColor);
    g.setNanColor(nonFiniteColour());
    return g;
}

}  // namespace

QColor nonFiniteColour() {
    return QColor(display::kNonFiniteRgb[0], display::kNonFiniteRgb[1], display::kNonFiniteRgb[2]);
}

ImagePanel::ImagePanel(const QString& title, Content content, QWidget* parent)
    : QWidget(parent), content_(content), plot_(new QCustomPlot(this)) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(plot_);
    setMinimumSize(240, 240);

    plot_->plotLayout()->insertRow(0);
    title_ = new QCPTextElement(plot_, title, QFont(font().family(), 10, QFont::Bold));
    plot_->plotLayout()->addElement(0, 0, title_);
    // A long title must not widen its column and squeeze out the colour scale (narrow panels,
    // small exports): no minimum width of its own, one line, centred (overflow is cut at the edges).
    title_->setMinimumSize(1, 0);
    title_->setTextFlags(Qt::AlignCenter);
    map_ = new QCPColorMap(plot_->xAxis, plot_->yAxis);
    map_->setInterpolate(false);
    map_->setTightBoundary(false);
    scale_ = new QCPColorScale(plot_);
    scale_->setType(QCPAxis::atRight);
    scale_->setBarWidth(8);
    plot_->plotLayout()->addElement(1, 1, scale_);
    map_->setColorScale(scale_);
    auto* margins = new QCPMarginGroup(plot_);
    plot_->axisRect()->setMarginGroup(QCP::msBottom | QCP::msTop, margins);
    scale_->setMarginGroup(QCP::msBottom | QCP::msTop, margins);
    plot_->yAxis->setRangeReversed(true);  // slow index grows downwards
    // Axis titles would cost image room: the pixel inspector names fast and slow.
    const QFont tickFont(font().family(), 8);
    plot_->xAxis->setTickLabelFont(tickFont);
    plot_->yAxis->setTickLabelFont(tickFont);
    scale_->axis()->setTickLabelFont(tickFont);
    scale_->axis()->setLabelFont(tickFont);  // the export's "sqrt, clip 99.5 %"
    plot_->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    plot_->setNoAntialiasingOnDrag(true);

    auto onRange = [this] {
        if (syncing_) return;
        fitted_ = false;  // the user zoomed or panned
        emit viewChanged(view());
    };
    connect(plot_->xAxis, qOverload<const QCPRange&>(&QCPAxis::rangeChanged), this, onRange);
    connect(plot_->yAxis, qOverload<const QCPRange&>(&QCPAxis::rangeChanged), this, onRange);
    connect(plot_, &QCustomPlot::mouseMove, this, [this](QMouseEvent* event) {
        if (draggingDivider_) {
            const double fast = plot_->xAxis->pixelToCoord(event->pos().x());
            overlays_.swipeDivider = fast;
            drawOverlays();
            emit dividerMoved(fast);
            return;
        }
        int f = 0, s = 0;
        if (eventPixel(event->pos(), &f, &s)) emit pixelHovered(f, s);
    });
    connect(plot_, &QCustomPlot::mousePress, this, [this](QMouseEvent* event) {
        pressPosition_ = event->pos();
        // A press within a few screen pixels of the swipe divider drags it, not the view.
        constexpr double kGrabPx = 6;
        draggingDivider_ =
            overlays_.swipeDivider &&
            std::fabs(plot_->xAxis->coordToPixel(*overlays_.swipeDivider) - event->pos().x()) <= kGrabPx;
        if (draggingDivider_) plot_->setInteraction(QCP::iRangeDrag, false);
    });
    connect(plot_, &QCustomPlot::mouseRelease, this, [this](QMouseEvent* event) {
        if (draggingDivider_) {
            draggingDivider_ = false;
            plot_->setInteraction(QCP::iRangeDrag, true);
            return;
        }
        int f = 0, s = 0;
        const bool dragged = (event->pos() - pressPosition_).manhattanLength() > 3;
        if (!dragged && eventPixel(event->pos(), &f, &s)) emit pixelClicked(f, s);
    });
    // Square pixels whatever the widget's shape (also during off-screen export).
    connect(plot_, &QCustomPlot::afterLayout, this, &ImagePanel::keepSquarePixels);
    clearImage(tr("no image yet"));
}

ImagePanel::~ImagePanel() = default;

void ImagePanel::linkViews(const std::vector<ImagePanel*>& panels) {
    for (ImagePanel* source : panels)
        for (ImagePanel* target : panels)
            if (source != target) connect(source, &ImagePanel::viewChanged, target, &ImagePanel::setView);
}

void ImagePanel::setTitle(const QString& title) {
    title_->setText(title);
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

bool ImagePanel::eventPixel(const QPoint& position, int* fast, int* slow) const {
    if (!image_) return false;
    const double x = plot_->xAxis->pixelToCoord(position.x());
    const double y = plot_->yAxis->pixelToCoord(position.y());
    *fast = int(std::lround(x));
    *slow = int(std::lround(y));
    return *fast >= 0 && *slow >= 0 && *fast < image_->fpixels && *slow < image_->spixels;
}

void ImagePanel::setImage(std::shared_ptr<const Image> image, std::shared_ptr<const Image> linked) {
    std::vector<std::shared_ptr<const Image>> rangeFrom;
    if (linked) rangeFrom = {image, std::move(linked)};
    setImage(std::move(image), std::move(rangeFrom));
}

void ImagePanel::setImage(std::shared_ptr<const Image> image,
                          std::vector<std::shared_ptr<const Image>> rangeFrom) {
    const bool newSize =
        !image_ || !image || image_->fpixels != image->fpixels || image_->spixels != image->spixels;
    // The same pooled images give the same range: blinking need not recompute it.
    const bool sameRange = haveRange_ && !rangeFrom.empty() && rangeFrom == rangeFrom_;
    image_ = std::move(image);
    rangeFrom_ = std::move(rangeFrom);
    redraw(!panelScale_.lock && !sameRange);
    if (newSize) resetView();
}

void ImagePanel::setDifference(const std::shared_ptr<const Image>& reference,
                               const std::shared_ptr<const Image>& candidate) {
    reference_ = reference;
    candidate_ = candidate;
    if (!reference || !candidate) return clearImage(tr("waiting for both images"));
    auto delta = differenceImage(*reference, *candidate, options_.difference);
    if (!delta) return clearImage(tr("image sizes differ"));
    setImage(std::make_shared<const Image>(std::move(*delta)));
}

void ImagePanel::clearImage(const QString& message) {
    image_.reset();
    nonFinite_ = 0;
    map_->setVisible(false);
    scale_->setVisible(false);
    title_->setText(title_->text().section(QLatin1String(" — "), 0, 0) + QStringLiteral(" — ") + message);
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

void ImagePanel::setOptions(const DisplayOptions& options) {
    const bool differenceChanged = options.difference != options_.difference;
    options_ = options;
    if (content_ == Content::Difference && differenceChanged) {
        haveRange_ = false;  // another quantity: a locked range no longer applies
        return setDifference(reference_, candidate_);
    }
    drawOverlays();
}

void ImagePanel::setScale(const PanelScale& scale) {
    if (scale == panelScale_) return;
    // A locked scale keeps its range, unless the transform changes (the range's units change).
    const bool rescale = !scale.lock || scale.scale != panelScale_.scale;
    panelScale_ = scale;
    redraw(rescale);
}

void ImagePanel::redraw(bool rescale) {
    if (!image_) return;
    const Image& img = *image_;
    const bool signedDifference =
        content_ == Content::Difference && options_.difference != DifferenceKind::Absolute;
    if (rescale || !haveRange_) {
        if (content_ == Content::Difference)
            mapping_ = display::differenceMapping(img, options_.difference, panelScale_);
        else {
            std::vector<const Image*> pooled{&img};
            if (!rangeFrom_.empty()) {
                pooled.clear();
                for (const auto& image : rangeFrom_) pooled.push_back(image.get());
            }
            mapping_ = display::intensityMapping(pooled, panelScale_);
        }
        map_->setDataRange(QCPRange(mapping_.range.lower, mapping_.range.upper));
        scale_->axis()->setTicker(QSharedPointer<QCPAxisTicker>(new TransformTicker(mapping_.transform)));
        haveRange_ = true;
    }
    // A locked range keeps its transform and limits, but a new scheme still recolours it.
    mapping_.stops = signedDifference ? display::divergingStops() : display::colourStops(panelScale_.scheme);

    map_->setVisible(true);
    scale_->setVisible(true);
    QCPColorMapData* data = map_->data();
    data->setSize(img.fpixels, img.spixels);
    data->setRange(QCPRange(0, img.fpixels - 1), QCPRange(0, img.spixels - 1));
    // Every non-finite pixel becomes a NaN cell, which the gradient draws in the non-finite colour
    // (a log transform would otherwise turn −inf into the floor colour).
    constexpr double kNan = std::numeric_limits<double>::quiet_NaN();
    nonFinite_ = 0;
    for (int s = 0; s < img.spixels; ++s)
        for (int f = 0; f < img.fpixels; ++f) {
            const float v = img.at(f, s);
            const bool finite = std::isfinite(v);
            nonFinite_ += finite ? 0 : 1;
            data->setCell(f, s, finite ? mapping_.transform.forward(v) : kNan);
        }
    map_->setGradient(withNonFiniteColour(gradientOf(mapping_.stops)));
    drawOverlays();
}

QColor ImagePanel::shownColour(int fast, int slow) const {
    const double cell = map_->data()->cell(fast, slow);
    return QColor::fromRgb(map_->gradient().color(cell, map_->dataRange()));
}

void ImagePanel::setOverlays(const Overlays& overlays) {
    overlays_ = overlays;
    drawOverlays();
}

void ImagePanel::drawOverlays() {
    plot_->clearItems();
    for (int i = plot_->plottableCount() - 1; i >= 0; --i)
        if (plot_->plottable(i) != map_) plot_->removePlottable(i);
    const QColor ringColour(0, 170, 255);
    if (options_.showRings) {
        for (const ResolutionRing& ring : overlays_.rings) {
            for (const Polyline& piece : ring.pieces)
                addPolyline(*plot_, piece, QPen(ringColour, 1, Qt::DashLine));
            if (!ring.pieces.empty() && !ring.pieces.front().empty()) {
                // Label at the ring's point nearest the top of the detector.
                PixelPoint top = ring.pieces.front().front();
                for (const Polyline& piece : ring.pieces)
                    for (const PixelPoint& p : piece)
                        if (p.slow >= 0 && (top.slow < 0 || p.slow < top.slow)) top = p;
                auto* label = new QCPItemText(plot_);
                label->position->setCoords(top.fast, top.slow);
                label->setPositionAlignment(Qt::AlignHCenter | Qt::AlignBottom);
                label->setText(QString::number(ring.dSpacingA, 'g', 3) + QStringLiteral(" Å"));
                label->setColor(ringColour);
                label->setClipToAxisRect(true);
            }
        }
    }
    if (options_.showBeamCentre && overlays_.beamCentre) {
        auto* mark = new QCPCurve(plot_->xAxis, plot_->yAxis);
        mark->setData({0.0}, {overlays_.beamCentre->fast}, {overlays_.beamCentre->slow});
        mark->setLineStyle(QCPCurve::lsNone);
        mark->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCrossCircle, QColor(255, 60, 0), 14));
    }
    if (overlays_.pinned) {
        auto* box = new QCPItemRect(plot_);
        box->topLeft->setCoords(overlays_.pinned->fast - 1.5, overlays_.pinned->slow - 1.5);
        box->bottomRight->setCoords(overlays_.pinned->fast + 1.5, overlays_.pinned->slow + 1.5);
        box->setPen(QPen(QColor(230, 0, 200), 1.5));
    }
    if (nonFinite_ > 0) {
        // Legend: a swatch of the non-finite colour naming what it means and how many pixels.
        auto* legend = new QCPItemText(plot_);
        legend->setObjectName(QStringLiteral("nonFiniteLegend"));
        legend->position->setType(QCPItemPosition::ptAxisRectRatio);
        legend->position->setCoords(1, 0);
        legend->setPositionAlignment(Qt::AlignRight | Qt::AlignTop);
        legend->setText(tr("NaN / ±inf: %1 px").arg(qulonglong(nonFinite_)));
        legend->setFont(QFont(font().family(), 8));
        legend->setColor(Qt::black);
        legend->setBrush(nonFiniteColour());
        legend->setPadding(QMargins(3, 1, 3, 1));
    }
    if (options_.showRegions) drawRegionsOverlay(*plot_, overlays_, font());
    if (options_.showRoi && overlays_.roi) {
        const Roi& r = *overlays_.roi;
        auto* rect = new QCPItemRect(plot_);
        rect->topLeft->setCoords(r.xmin - 0.5, r.ymin - 0.5);
        rect->bottomRight->setCoords(r.xmax + 0.5, r.ymax + 0.5);
        rect->setPen(QPen(QColor(255, 200, 0), 1.5));
        rect->setBrush(Qt::NoBrush);
    }
    if (overlays_.swipeDivider) {
        auto* line = new QCPItemStraightLine(plot_);
        line->setObjectName(QStringLiteral("swipeDivider"));
        line->point1->setCoords(*overlays_.swipeDivider, 0);
        line->point2->setCoords(*overlays_.swipeDivider, 1);
        line->setPen(QPen(QColor(255, 140, 0), 2));
    }
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

QRectF ImagePanel::view() const {
    const QCPRange x = plot_->xAxis->range(), y = plot_->yAxis->range();
    return QRectF(x.lower, y.lower, x.size(), y.size());
}

void ImagePanel::setView(const QRectF& view) {
    if (view == this->view()) return;
    fitted_ = false;
    syncing_ = true;
    plot_->xAxis->setRange(view.left(), view.right());
    plot_->yAxis->setRange(view.top(), view.bottom());
    syncing_ = false;
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

void ImagePanel::keepSquarePixels() {
    const QRect rect = plot_->axisRect()->rect();
    if (rect.width() <= 0 || rect.height() <= 0) return;
    const QCPRange xBefore = plot_->xAxis->range(), yBefore = plot_->yAxis->range();
    const bool wasSyncing = syncing_;
    syncing_ = true;  // a layout adjustment is not a user view change: don't move linked panels
    if (fitted_ && image_) {
        // Whole image, centred, square pixels: the spare room goes to one axis.
        const double w = image_->fpixels, h = image_->spixels;
        const double unitsPerPixel = std::max(w / rect.width(), h / rect.height());
        const double halfW = 0.5 * unitsPerPixel * rect.width(), halfH = 0.5 * unitsPerPixel * rect.height();
        plot_->xAxis->setRange(w / 2 - 0.5 - halfW, w / 2 - 0.5 + halfW);
        plot_->yAxis->setRange(h / 2 - 0.5 - halfH, h / 2 - 0.5 + halfH);
    } else {
        const double xPerPixel = plot_->xAxis->range().size() / rect.width();
        const double yPerPixel = plot_->yAxis->range().size() / rect.height();
        // Widen the axis that is more zoomed in, so whatever was visible stays visible.
        if (std::fabs(xPerPixel / yPerPixel - 1) > 0.01) {
            if (xPerPixel < yPerPixel)
                plot_->xAxis->setScaleRatio(plot_->yAxis, 1.0);
            else
                plot_->yAxis->setScaleRatio(plot_->xAxis, 1.0);
        }
    }
    syncing_ = wasSyncing;
    const bool changed = plot_->xAxis->range() != xBefore || plot_->yAxis->range() != yBefore;
    // Ticks were placed before this adjustment (afterLayout): draw once more with the new ranges.
    if (changed)
        QMetaObject::invokeMethod(
            plot_, [plot = plot_] { plot->replot(); }, Qt::QueuedConnection);
}

void ImagePanel::resetView() {
    if (!image_) return;
    fitted_ = true;
    keepSquarePixels();
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

void ImagePanel::centreOn(double fast, double slow) {
    const QRectF v = view();
    const double w = std::min(v.width(), 64.0), h = std::min(v.height(), 64.0);
    zoomTo(QRectF(fast - w / 2, slow - h / 2, w, h));
}

void ImagePanel::zoomTo(const QRectF& region) {
    setView(region);
    keepSquarePixels();  // widens one axis now, so that view() already shows the whole region
    emit viewChanged(view());
}

QImage ImagePanel::renderImage(int width, int height) {
    // Rendering at another size re-lays out the plot; don't let that move the linked panels.
    const QRectF before = view();
    syncing_ = true;
    static const char* kinds[] = {"linear", "sqrt", "log"};
    scale_->axis()->setLabel(QStringLiteral("%1, clip %2 %")
                                 .arg(QLatin1String(kinds[int(mapping_.transform.kind)]),
                                      QString::number(panelScale_.clipPercent)));
    // The first pass may re-fit the axes after the layout step, when the ticks are already
    // placed; the second pass draws ticks for the final ranges.
    plot_->toPixmap(width, height);
    QImage image = plot_->toPixmap(width, height).toImage();
    plot_->xAxis->setRange(before.left(), before.right());
    plot_->yAxis->setRange(before.top(), before.bottom());
    scale_->axis()->setLabel(QString());
    syncing_ = false;
    return image;
}

}  // namespace bragg::ui
