#pragma once
// How image values are scaled before colouring: the intensity transform (lin / sqrt / log), the
// display's percentile and the colour range of a panel or a PNG. One definition for the CLI's
// pictures, the app's panels and its exports.
#include <vector>

#include "core/Image.h"

namespace bragg::display {

enum class ScaleKind { Linear, Sqrt, Log };

// Transform applied before colouring, and its inverse (for the colour-bar tick labels).
// Sqrt is odd-symmetric (signed differences stay signed); Log uses log10 of max(v, floor).
struct IntensityTransform {
    ScaleKind kind = ScaleKind::Linear;
    double logFloor = 1e-6;  // smallest positive value shown on a log scale
    double forward(double v) const;
    double inverse(double t) const;
};

struct DisplayRange {
    double lower = 0, upper = 1;  // in transformed units
};

// Value below which `percent` % of the finite values lie (nearest rank); 0 for an empty set.
// (The metrics' percentiles are numpy's, compare/Percentile.h; a display clip needs a pixel value.)
double percentile(std::vector<float> values, double percent);

// Ranges, percentiles and floors below count the finite pixels only (non-finite pixels have a
// colour of their own, kNonFiniteRgb in display/ColourMap.h).
// Colour range of an intensity image: [min, clip percentile] of the transformed values.
// For a log scale the floor is the smallest positive value (or 1e-6 of the clip value).
DisplayRange intensityRange(const Image& image, ScaleKind kind, double clipPercent,
                            IntensityTransform* transformOut = nullptr);
// The same over the pooled pixels of several images (linked scales); null entries are skipped.
DisplayRange intensityRange(const std::vector<const Image*>& images, ScaleKind kind, double clipPercent,
                            IntensityTransform* transformOut = nullptr);

// Symmetric range [−m, m] for a signed image, m = clip percentile of |v|, or max|v| if that
// percentile is 0 (sparse differences), or 1 if the image is all zero.
DisplayRange symmetricRange(const Image& image, const IntensityTransform& transform, double clipPercent);

}  // namespace bragg::display
