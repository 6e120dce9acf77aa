#pragma once
// How the image panels look: each panel's colour scale, the difference mode, overlays. Plain
// values shared by the display options bar, the per-panel scale bars, the panels and sessions.
#include <array>
#include <optional>
#include <vector>

#include "DetectorOverlays.h"
#include "DisplayScaling.h"
#include "compare/Comparison.h"

namespace bragg::ui {

enum class ColorScheme { Grey, InvertedGrey, Heat, Viridis };

// One panel's colour scale. A locked scale keeps its range and transform when new images arrive
// (changing the transform itself still rescales). The Difference panel's scheme is used for |Δ|
// only; signed and relative Δ use the diverging blue/white/red scale, with log shown as sqrt.
struct PanelScale {
    ScaleKind scale = ScaleKind::Sqrt;
    double clipPercent = 99.5;
    ColorScheme scheme = ColorScheme::InvertedGrey;
    bool lock = false;
    bool operator==(const PanelScale&) const = default;
};

// Indices into DisplayOptions::panels, in ComparisonView::panel order.
enum PanelIndex : int { kReferencePanel = 0, kCandidatePanel = 1, kDifferencePanel = 2, kPanelCount = 3 };

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
    bool operator==(const DisplayOptions&) const = default;
};

// What is drawn on top of every panel, in pixel coordinates.
struct Overlays {
    std::optional<PixelPoint> beamCentre;
    std::vector<ResolutionRing> rings;
    std::optional<Roi> roi;
    std::optional<PixelPoint> pinned;  // the pixel pinned in the inspector
    // The comparison's tiles (Difference panel only): failing ones are outlined, coloured by
    // their Pearson (tileColour in ImagePanel.h).
    std::vector<TileMetrics> tiles;
    double pearsonMin = 0.9999;
};

}  // namespace bragg::ui
