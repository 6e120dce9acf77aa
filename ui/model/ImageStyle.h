#pragma once
// How the image panels look: each panel's colour scale, the difference mode, overlays. Plain
// values shared by the display options bar, the per-panel scale bars, the panels and sessions.
#include <array>
#include <optional>
#include <vector>

#include "DetectorOverlays.h"
#include "display/ColourMap.h"
#include "compare/Comparison.h"

namespace bragg::ui {

// The display vocabulary (display/: how values become colours, shared with the CLI's PNGs).
using display::ColorScheme;
using display::DifferenceKind;
using display::DisplayRange;
using display::IntensityTransform;
using display::ScaleKind;

// One panel's colour scale. A locked scale keeps its range and transform when new images arrive
// (changing the transform itself still rescales). The Difference panel's scheme is used for |Δ|
// only; signed and relative Δ use the diverging blue/white/red scale, with log shown as sqrt
// (display::differenceMapping).
struct PanelScale : display::ColourStyle {
    bool lock = false;
    bool operator==(const PanelScale&) const = default;
};

// Indices into DisplayOptions::panels, in ComparisonView::panel order.
enum PanelIndex : int { kReferencePanel = 0, kCandidatePanel = 1, kDifferencePanel = 2, kPanelCount = 3 };

constexpr int kBlinkMinMs = 20, kBlinkMaxMs = 5000;  // the blink interval's accepted range

struct DisplayOptions {
    std::array<PanelScale, kPanelCount> panels;
    // Reference and Candidate ranges come from both images' pixels, so with equal settings equal
    // values get equal colours.
    bool linkScales = true;
    DifferenceKind difference = DifferenceKind::Signed;
    bool showBeamCentre = true;
    bool showRings = true;
    bool showRoi = true;
    std::vector<double> ringSpacingsA{4.0, 3.0, 2.5, 2.0};
    // The Difference panel's regions overlay: every tile tinted by its Pearson, the resolution
    // shells as rings coloured the same way (regionColour in ImagePanel.h); a click zooms to a tile.
    bool showRegions = true;
    int blinkIntervalMs = 500;  // blink: how long each of Reference and Candidate stays on screen
    bool operator==(const DisplayOptions&) const = default;
};

// How Reference and Candidate are put before the eye: side by side, or in the Candidate panel
// alternating (blink) or split at a draggable divider (swipe), both on one colour range.
enum class CompareMode { SideBySide, Blink, Swipe };

// A resolution shell's outer (high-resolution) edge on the detector, with the shell's Pearson.
struct ShellRing {
    ResolutionRing ring;
    double pearson = 0;
};

// What is drawn on top of every panel, in pixel coordinates.
struct Overlays {
    std::optional<PixelPoint> beamCentre;
    std::vector<ResolutionRing> rings;
    std::optional<Roi> roi;
    std::optional<PixelPoint> pinned;  // the pixel pinned in the inspector
    // The comparison's tiles (Difference panel only), drawn with the regions overlay: failing ones
    // outlined and labelled, coloured by their Pearson (tileColour in ImagePanel.h).
    std::vector<TileMetrics> tiles;
    std::vector<ShellRing> shellRings;  // Difference panel, regions overlay
    double pearsonMin = 0.9999;
    std::optional<double> swipeDivider;  // fast coordinate of the swipe divider, if one is shown
};

}  // namespace bragg::ui
