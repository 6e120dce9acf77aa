#pragma once
// The comparison metrics per resolution shell: a wavelength, dispersion, polarization or
// solid-angle error shows as agreement that changes with d-spacing. The d of each pixel comes from
// the caller (compare/DSpacingMap.h builds it from an experiment), so this needs no geometry.
#include <vector>

#include "compare/Metrics.h"
#include "core/Image.h"

namespace bragg {

enum class ShellMode {
    EqualCount,  // each shell holds the same number of pixels
    EqualInvD2,  // shells of equal width in 1/d² between the image's lowest and highest resolution
};

const char* toString(ShellMode m);  // "count" / "inv-d2"

struct ShellOptions {
    int count = 10;
    ShellMode mode = ShellMode::EqualCount;
    bool operator==(const ShellOptions&) const = default;
};

struct ShellMetrics {
    double dMaxA = 0, dMinA = 0;  // the shell's d range over its pixels, Å (dMax +inf at the direct beam)
    BasicMetrics metrics;         // pixels = 0 for an empty equal-1/d² shell
};

// Low resolution (large d) first. dSpacingA has one value per pixel (slow-major), Å; pixels whose
// d is NaN or not positive belong to no shell. Throws Error(Usage) if the sizes differ or count < 1.
std::vector<ShellMetrics> shellMetrics(const Image& reference, const Image& candidate,
                                       const std::vector<double>& dSpacingA, const ShellOptions& options);

}  // namespace bragg
