#pragma once
// The centre of the window: the display options bar over three linked image panels
// (Reference | Candidate | Difference), each with its own colour-scale bar. It shows results
// (partial ones too: each side's image as soon as it is there), draws the overlays computed from the result's
// experiment (the regions overlay on the Difference panel: a click there zooms to the tile), and
// answers pixel queries for the inspector. In blink and swipe modes the Candidate panel shows
// Reference and Candidate alternating, or split at a divider, on one colour range.
#include <QWidget>

#include <optional>

#include "ImageStyle.h"
#include "PixelProbe.h"
#include "RenderTypes.h"

class QAction;
class QTimer;

namespace bragg::ui {

class DisplayOptionsBar;
class ImagePanel;
class PanelScaleBar;

class ComparisonView : public QWidget {
    Q_OBJECT
public:
    explicit ComparisonView(QWidget* parent = nullptr);

    // One side's image (or the rows of it so far) before the comparison; the panels still waiting
    // keep their previous image, titled as such.
    void showPartial(const RenderResultPtr& result);
    void showResult(const RenderResultPtr& result);
    RenderResultPtr shown() const { return shown_; }  // the result whose images are on screen

    DisplayOptions options() const;
    void setOptions(const DisplayOptions& options);
    ImagePanel* panel(int index) const { return panels_.at(std::size_t(index)); }  // 0 ref, 1 cand, 2 Δ
    PanelScaleBar* scaleBar(int index) const { return scaleBars_.at(std::size_t(index)); }
    std::optional<PixelReport> probe(int fast, int slow) const;
    void jumpTo(int fast, int slow);
    void setPinned(std::optional<PixelPoint> pixel);  // marked on every panel
    std::optional<PixelPoint> pinned() const { return pinned_; }
    void resetView();

    CompareMode mode() const { return mode_; }
    void setMode(CompareMode mode);
    QAction* blinkAction() const { return blinkAction_; }  // key B: blink on / back to side by side
    bool blinkShowsCandidate() const { return blinkShowsCandidate_; }
    double swipeDivider() const { return swipeDivider_; }  // fast coordinate
    void setSwipeDivider(double fast);
    // The pixels the plots describe: the rendered region (-roi), narrowed to what the panels show
    // when zoomed in; nullopt = the whole image (or nothing shown yet).
    std::optional<Roi> currentRoi() const;

signals:
    void pixelHovered(int fast, int slow);
    void pixelClicked(int fast, int slow);
    void optionsChanged(const bragg::ui::DisplayOptions& options);
    void blinkToggled(bool showsCandidate);
    void regionOfInterestChanged();  // currentRoi() may have changed (view, result)

private:
    void optionsEdited();
    void applyOptions(const DisplayOptions& options);
    void showIntensities(const std::shared_ptr<const Image>& reference,
                         const std::shared_ptr<const Image>& candidate);
    void updateOverlays();
    void setTitles(const RenderResult& result, bool complete);
    void showCandidatePanel();  // side by side, blink or swipe, from the shown result
    void differenceClicked(int fast, int slow);
    std::vector<ShellRing> shellRings() const;

    DisplayOptionsBar* bar_;
    std::vector<ImagePanel*> panels_;
    std::vector<PanelScaleBar*> scaleBars_;
    bool linked_ = true;  // the link the panels' images were last given with
    RenderResultPtr shown_;
    std::optional<PixelPoint> pinned_;
    CompareMode mode_ = CompareMode::SideBySide;
    QTimer* blinkTimer_;
    QAction* blinkAction_;
    bool blinkShowsCandidate_ = false;
    double swipeDivider_ = -1;               // < 0: the image's middle once there is one
    std::optional<std::size_t> zoomedTile_;  // the tile a click on the Difference panel zoomed to
};

}  // namespace bragg::ui
