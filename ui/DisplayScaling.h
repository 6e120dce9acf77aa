#pragma once
// How image values become colours: the intensity transform (lin / sqrt / log), the percentile clip
// and the difference images. Qt-free so the maths is testable without widgets.
#include <optional>
#include <vector>

#include "core/Image.h"

namespace bragg::ui {

enum class ScaleKind { Linear, Sqrt, Log };
enum class DifferenceKind { Signed, Absolute, Relative };

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
double percentile(std::vector<float> values, double percent);

// Ranges, percentiles and floors below count the finite pixels only (non-finite pixels have a
// colour of their own, kNonFiniteRgb in compare/ColorMap.h).
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

// candidate − reference (Signed), |candidate − reference| (Absolute) or
// (candidate − reference) / max(|reference|, 1e-3·max|reference|) (Relative), max over the finite
// pixels. Non-finite where either input is; finite pairs saturate at ±float max.
// Returns nullopt if the sizes differ.
std::optional<Image> differenceImage(const Image& reference, const Image& candidate, DifferenceKind kind);

// Swipe: `left` where a pixel's centre lies left of the divider (fast coordinate; pixel f has its
// centre at f), `right` from the first column at or past it, ⌈dividerFast⌉ (clamped to the
// image). Sizes must agree (the caller compares equally sized images).
int swipeFirstRightColumn(double dividerFast, int fpixels);
Image swipeImage(const Image& left, const Image& right, double dividerFast);

}  // namespace bragg::ui
