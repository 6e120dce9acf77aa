#pragma once
// One colour-mapped detector image (QCustomPlot): reference, candidate or difference. Pixel
// (fast, slow) has its centre at (fast, slow); slow grows downwards as on a detector display.
// Zoom and pan with the mouse; linked panels follow each other's view.
#include <QColor>
#include <QRectF>
#include <QString>
#include <QWidget>

#include <memory>

#include "ImageStyle.h"
#include "RegionsOverlay.h"
#include "core/Image.h"

class QCustomPlot;
class QCPColorMap;
class QCPColorScale;
class QCPTextElement;
class QImage;

namespace bragg::ui {

// The colour of NaN and ±inf pixels on every panel (kNonFiniteRgb, shared with the CLI's PNGs).
QColor nonFiniteColour();

class ImagePanel : public QWidget {
    Q_OBJECT
public:
    enum class Content { Intensity, Difference };

    ImagePanel(const QString& title, Content content, QWidget* parent = nullptr);
    ~ImagePanel() override;

    // Makes every panel follow the others' zoom and pan.
    static void linkViews(const std::vector<ImagePanel*>& panels);

    void setTitle(const QString& title);
    // Intensity panels. `linked`: another image whose pixels also count for the colour range
    // (linked Reference/Candidate scales); null = this image alone.
    void setImage(std::shared_ptr<const Image> image, std::shared_ptr<const Image> linked = {});
    // `image` on the colour range of the `rangeFrom` images' pooled pixels (blink and swipe: the
    // range of both Reference and Candidate, whichever is shown). The range is kept while the same
    // images set it.
    void setImage(std::shared_ptr<const Image> image, std::vector<std::shared_ptr<const Image>> rangeFrom);
    void setDifference(const std::shared_ptr<const Image>& reference,
                       const std::shared_ptr<const Image>& candidate);  // Difference panel
    void clearImage(const QString& message);
    void setOptions(const DisplayOptions& options);  // difference mode and overlay switches
    void setScale(const PanelScale& scale);          // this panel's colour scale
    void setOverlays(const Overlays& overlays);

    std::shared_ptr<const Image> image() const { return image_; }  // what is shown (Δ for the difference)
    std::size_t nonFinitePixels() const { return nonFinite_; }     // of image(), drawn in nonFiniteColour()
    IntensityTransform transform() const { return mapping_.transform; }  // of the colours on screen
    const display::ColourMapping& mapping() const { return mapping_; }
    // The colour on screen of pixel (fast, slow) of the shown image, as the plot's gradient gives it.
    QColor shownColour(int fast, int slow) const;
    QRectF view() const;
    void setView(const QRectF& view);
    void resetView();
    void centreOn(double fast, double slow);
    void zoomTo(const QRectF& region);  // shows at least `region` (pixel coordinates); linked panels follow
    // For export: plot, title and colour scale, the scale labelled with its transform and clip.
    QImage renderImage(int width, int height);

signals:
    void viewChanged(const QRectF& view);
    void pixelHovered(int fast, int slow);
    void pixelClicked(int fast, int slow);
    // While the swipe divider (Overlays::swipeDivider) is dragged: its new fast coordinate.
    void dividerMoved(double fast);

private:
    void redraw(bool rescale);
    void drawOverlays();
    void keepSquarePixels();
    bool eventPixel(const QPoint& position, int* fast, int* slow) const;

    Content content_;
    QCustomPlot* plot_;
    QCPColorMap* map_;
    QCPColorScale* scale_;
    QCPTextElement* title_;
    std::shared_ptr<const Image> image_;
    std::vector<std::shared_ptr<const Image>>
        rangeFrom_;                                       // whose pixels set the colour range (empty: image_)
    std::shared_ptr<const Image> reference_, candidate_;  // difference inputs
    DisplayOptions options_;
    PanelScale panelScale_;
    display::ColourMapping mapping_;  // how the shown image is coloured
    Overlays overlays_;
    std::size_t nonFinite_ = 0;  // NaN / ±inf pixels shown: the legend appears when there are any
    bool haveRange_ = false;
    bool syncing_ = false;
    bool fitted_ = true;  // showing the whole image (re-fitted on resize) until the user zooms or pans
    QPoint pressPosition_;
    bool draggingDivider_ = false;
};

}  // namespace bragg::ui
