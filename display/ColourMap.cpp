#include "display/ColourMap.h"

#include <algorithm>
#include <cmath>

namespace bragg::display {

std::vector<ColourStop> colourStops(ColorScheme scheme) {
    switch (scheme) {
        case ColorScheme::Grey:
            return {{0.0, {0, 0, 0}}, {1.0, {255, 255, 255}}};
        case ColorScheme::InvertedGrey:
            return {{0.0, {255, 255, 255}}, {1.0, {0, 0, 0}}};
        case ColorScheme::Heat:  // black → red → orange → yellow → white
            return {{0.0, {0, 0, 0}},
                    {0.3, {190, 20, 0}},
                    {0.55, {250, 120, 0}},
                    {0.8, {255, 230, 40}},
                    {1.0, {255, 255, 255}}};
        case ColorScheme::Viridis:  // samples of matplotlib's viridis at t = 0, 1/8, …, 1
            return {{0.0, {68, 1, 84}},      {0.125, {71, 44, 122}},  {0.25, {59, 81, 139}},
                    {0.375, {44, 113, 142}}, {0.5, {33, 144, 141}},   {0.625, {39, 173, 129}},
                    {0.75, {92, 200, 99}},   {0.875, {170, 220, 50}}, {1.0, {253, 231, 37}}};
    }
    return colourStops(ColorScheme::Grey);
}

std::vector<ColourStop> divergingStops() {  // ColorBrewer RdBu, blue (negative) to red (positive)
    return {{0.0, {5, 48, 97}},     {0.1, {33, 102, 172}},  {0.2, {67, 147, 195}},  {0.3, {146, 197, 222}},
            {0.4, {209, 229, 240}}, {0.5, {247, 247, 247}}, {0.6, {253, 219, 199}}, {0.7, {244, 165, 130}},
            {0.8, {214, 96, 77}},   {0.9, {178, 24, 43}},   {1.0, {103, 0, 31}}};
}

Rgb colourAt(const std::vector<ColourStop>& stops, double t) {
    if (!(t > stops.front().position)) return stops.front().rgb;
    if (t >= stops.back().position) return stops.back().rgb;
    const auto upper =
        std::find_if(stops.begin(), stops.end(), [t](const ColourStop& s) { return s.position > t; });
    const ColourStop& a = *(upper - 1);
    const ColourStop& b = *upper;
    const double w = (t - a.position) / (b.position - a.position);
    Rgb c;
    for (std::size_t k = 0; k < 3; ++k)
        c[k] = std::uint8_t(std::lround(std::clamp(a.rgb[k] * (1 - w) + b.rgb[k] * w, 0.0, 255.0)));
    return c;
}

ColourMapping intensityMapping(const std::vector<const Image*>& pooled, const ColourStyle& style) {
    ColourMapping m;
    m.range = intensityRange(pooled, style.scale, style.clipPercent, &m.transform);
    m.stops = colourStops(style.scheme);
    return m;
}

ColourMapping differenceMapping(const Image& difference, DifferenceKind kind, const ColourStyle& style) {
    if (kind == DifferenceKind::Absolute) return intensityMapping({&difference}, style);
    ColourMapping m;
    m.transform.kind = style.scale == ScaleKind::Log ? ScaleKind::Sqrt : style.scale;
    m.range = symmetricRange(difference, m.transform, style.clipPercent);
    m.stops = divergingStops();
    return m;
}

Rgb colourOf(double value, const ColourMapping& mapping) {
    if (!std::isfinite(value)) return kNonFiniteRgb;
    const double span = mapping.range.upper - mapping.range.lower;
    return colourAt(mapping.stops, (mapping.transform.forward(value) - mapping.range.lower) / span);
}

RgbImage render(const Image& image, const ColourMapping& mapping) {
    RgbImage out;
    out.width = image.fpixels;
    out.height = image.spixels;
    out.rgb.resize(image.size() * 3);
    for (std::size_t i = 0; i < image.size(); ++i) {
        const Rgb c = colourOf(image.pixels[i], mapping);
        std::copy(c.begin(), c.end(), out.rgb.begin() + std::ptrdiff_t(3 * i));
    }
    return out;
}

}  // namespace bragg::display
