#pragma once
// The images the eye compares that no side computed: the difference of two images and the swipe
// composite.
#include <optional>

#include "core/Image.h"

namespace bragg::display {

enum class DifferenceKind { Signed, Absolute, Relative };

// candidate − reference (Signed), |candidate − reference| (Absolute) or
// (candidate − reference) / max(|reference|, 1e-3·max|reference|) (Relative), max over the finite
// pixels. Non-finite where either input is; finite pairs saturate at ±float max.
// Returns nullopt if the sizes differ.
std::optional<Image> differenceImage(const Image& reference, const Image& candidate,
                                     DifferenceKind kind = DifferenceKind::Signed);

// Swipe: `left` where a pixel's centre lies left of the divider (fast coordinate; pixel f has its
// centre at f), `right` from the first column at or past it, ⌈dividerFast⌉ (clamped to the
// image). Sizes must agree (the caller compares equally sized images).
int swipeFirstRightColumn(double dividerFast, int fpixels);
Image swipeImage(const Image& left, const Image& right, double dividerFast);

}  // namespace bragg::display
