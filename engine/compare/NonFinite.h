#pragma once
// Non-finite pixels are data (a port's 0/0 is a finding, the original's +inf a value to match):
// where each image has NaN, +inf or −inf, and which of those the two images share.
#include <cstddef>
#include <string>
#include <vector>

#include "core/Image.h"

namespace bragg {

enum class PixelClass { Finite, Nan, PlusInf, MinusInf };

PixelClass classify(float v);
const char* toString(PixelClass c);  // "finite", "NaN", "+inf", "-inf"

struct PixelPosition {
    int fast = 0, slow = 0;
    bool operator==(const PixelPosition&) const = default;
};

struct NonFiniteCounts {
    std::size_t nan = 0, plusInf = 0, minusInf = 0;
    std::size_t total() const { return nan + plusInf + minusInf; }
    bool operator==(const NonFiniteCounts&) const = default;
};

// Pixels whose classes differ between the images, one group per (reference, candidate) class pair.
struct NonFiniteMismatch {
    PixelClass reference = PixelClass::Finite, candidate = PixelClass::Finite;
    std::size_t count = 0;
    std::vector<PixelPosition> first;  // slow-major order, at most NonFiniteSummary::kPositionsKept
};

struct NonFiniteSummary {
    static constexpr std::size_t kPositionsKept = 20;
    NonFiniteCounts reference, candidate;
    std::size_t shared = 0;  // non-finite in both with the same class: agreement
    std::vector<PixelPosition> sharedFirst;
    std::vector<NonFiniteMismatch> mismatches;  // ordered by (reference class, candidate class)

    bool any() const { return reference.total() + candidate.total() > 0; }
};

// Throws Error(Usage) if the sizes differ. An ROI crop is the caller's business (positions are
// relative to the images given; add the ROI's origin).
NonFiniteSummary summarizeNonFinite(const Image& reference, const Image& candidate);

// One line per mismatch group, e.g. "candidate has NaN at 3 pixels where the reference is finite,
// first at fast 12, slow 40". Empty when every non-finite pixel is shared.
std::vector<std::string> describeMismatches(const NonFiniteSummary& s);

// Positions shifted by an ROI origin (for summaries computed on a crop).
void offsetPositions(NonFiniteSummary& s, int fast0, int slow0);

}  // namespace bragg
