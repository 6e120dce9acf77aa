#pragma once
// How the image panels look: scale, clipping, colours, overlays. Plain values shared by the
// display options bar, the panels and sessions.
#include <optional>
#include <vector>

#include "DetectorOverlays.h"
#include "DisplayScaling.h"
#include "compare/Comparison.h"

namespace bragg::ui {

enum class ColorScheme { Grey, InvertedGrey, Heat, Viridis };

struct DisplayOptions {
    ScaleKind scale = ScaleKind::Sqrt;
    double clipPercent = 99.5;
    ColorScheme scheme = ColorScheme::InvertedGrey;
    bool lockScale = false;
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
};

}  // namespace bragg::ui
