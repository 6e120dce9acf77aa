#pragma once
// Colours of every image shown or written: the colour schemes as stops, how a panel maps a value to
// a colour (transform, range, stops) and the RGB rendering. The CLI's PNGs and the app's panels
// and exports all take their colours from here, so equal data and settings give equal colours.
#include <array>
#include <cstdint>
#include <vector>

#include "core/Image.h"
#include "display/Difference.h"
#include "display/Scale.h"

namespace bragg::display {

using Rgb = std::array<std::uint8_t, 3>;

// NaN, +inf and −inf pixels, on every image and every colour scheme: magenta, which no map here
// uses.
constexpr Rgb kNonFiniteRgb{255, 0, 255};

enum class ColorScheme { Grey, InvertedGrey, Heat, Viridis };

// One image's colour settings. The defaults are those of the app's panels and of the CLI's PNGs.
struct ColourStyle {
    ScaleKind scale = ScaleKind::Sqrt;
    double clipPercent = 99.5;
    ColorScheme scheme = ColorScheme::InvertedGrey;
    bool operator==(const ColourStyle&) const = default;
};

// A colour at a position in [0, 1]; between stops colours are interpolated linearly in RGB.
struct ColourStop {
    double position = 0;
    Rgb rgb{};
};

std::vector<ColourStop> colourStops(ColorScheme scheme);
// Blue – white – red, for signed and relative differences on a symmetric range.
std::vector<ColourStop> divergingStops();

// The colour at t (clamped to [0, 1]; NaN counts as 0) on `stops` (sorted, first at 0, last at 1).
Rgb colourAt(const std::vector<ColourStop>& stops, double t);

// What one panel or picture shows: a transform, a range in transformed units and the colours.
struct ColourMapping {
    IntensityTransform transform;
    DisplayRange range;
    std::vector<ColourStop> stops;
};

// A panel of intensities: its range from the pooled images (one image, or both sides when their
// scales are linked), on the style's scale, clipped at its percentile, in its scheme.
ColourMapping intensityMapping(const std::vector<const Image*>& pooled, const ColourStyle& style);
// A difference panel: signed and relative Δ on a symmetric diverging range (log shown as sqrt, so
// the sign stays), |Δ| as an intensity in the style's scheme.
ColourMapping differenceMapping(const Image& difference, DifferenceKind kind, const ColourStyle& style);

// The colour of one value: non-finite values in kNonFiniteRgb.
Rgb colourOf(double value, const ColourMapping& mapping);

struct RgbImage {
    int width = 0, height = 0;
    std::vector<std::uint8_t> rgb;  // width·height·3 bytes, row-major from the top (slow index 0)
};

RgbImage render(const Image& image, const ColourMapping& mapping);

}  // namespace bragg::display
