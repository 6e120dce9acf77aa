#pragma once
// Whether the candidate is the reference transposed, flipped or rotated: a port that writes its
// image in (fast, slow) order where the original writes (slow, fast), or counts an axis the
// other way, correlates poorly although every pixel value is right. The 8 symmetries of the
// pixel grid are tried before any sub-pixel registration (compare/Registration.h).
#include <array>
#include <optional>
#include <string>
#include <vector>

#include "core/Image.h"

namespace bragg {

// How the candidate was made from the reference. Display convention for the rotations: fast to
// the right, slow downwards (the PNGs' and the app's). Orientation.cpp's table follows this order.
enum class Orientation {
    Identity,
    FlipFast,       // fast index reversed
    FlipSlow,       // slow index reversed
    Rotate180,      // both reversed
    Transpose,      // fast ↔ slow
    AntiTranspose,  // fast ↔ slow, both reversed (the other diagonal)
    Rotate90Clockwise,
    Rotate90Counterclockwise,
};

inline constexpr std::array<Orientation, 8> kOrientations{
    Orientation::Identity,          Orientation::FlipFast,
    Orientation::FlipSlow,          Orientation::Rotate180,
    Orientation::Transpose,         Orientation::AntiTranspose,
    Orientation::Rotate90Clockwise, Orientation::Rotate90Counterclockwise};

const char* toString(Orientation o);  // "identity", "flip-fast", "flip-slow", "rotate-180", "transpose", ...
// The words after "candidate is the reference ": "transposed (fast ↔ slow)", "flipped in slow", ...
const char* describe(Orientation o);
bool swapsAxes(Orientation o);  // the transposes and the 90° rotations

// What `o` makes of `image` (a candidate in orientation o is applyOrientation(reference, o)).
Image applyOrientation(const Image& image, Orientation o);
// The inverse: a candidate in orientation o brought back into the reference's frame.
Image undoOrientation(const Image& image, Orientation o);

// An F×S image whose pixels are an S×F one's (a transposed raw file read with the reference's size).
bool swappedSize(const Image& image, int fpixels, int spixels);

struct OrientationTrial {
    Orientation orientation = Orientation::Identity;
    // The candidate's pixel buffer read as spixels × fpixels first: raw float data has no shape,
    // so a transposed non-square image read with the reference's size is neither of the 8.
    bool reshaped = false;
    double pearson = 0;  // reference vs the candidate brought back (orientation undone)
};

struct OrientationCheck {
    bool sizesSwapped = false;              // the candidate is S×F for an F×S reference
    std::optional<double> pearsonAsIs;      // identity; none when the sizes are swapped
    std::vector<OrientationTrial> trials;   // every orientation the sizes allow, identity first
    std::optional<OrientationTrial> found;  // the orientation the rule names, if any
    // "candidate is the reference flipped in slow: pearson 1 after undoing it (0.0312 as is)", or
    // for swapped sizes that no transpose explains, why not; empty when nothing is named.
    std::string line;
};

// Pearson of every orientation (over the whole images; non-finite pixels as in basicMetrics). The
// rule: the best non-identity trial is named when it removes at least half of the identity's
// shortfall, 1 − p ≤ ½(1 − p_as_is), with p_as_is = 0 for swapped sizes (so it needs p ≥ 0.5);
// ties go to the earlier one in kOrientations (flips before transposes). Sizes that are neither
// equal nor swapped throw Error(Usage).
OrientationCheck checkOrientation(const Image& reference, const Image& candidate);

// The candidate in the reference's frame: trial's orientation undone (after the reshape, if any).
Image correctedCandidate(const Image& candidate, const OrientationTrial& trial);

}  // namespace bragg
