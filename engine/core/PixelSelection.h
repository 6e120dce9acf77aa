#pragma once
// Which pixels are rendered: an inclusive region of interest (fast x, slow y) and an optional
// mask (pixels whose mask value is 0 are skipped). Pixels outside the ROI stay 0 in every output.
#include <cstddef>
#include <cstdint>
#include <vector>

namespace bragg {

struct PixelSelection {
    int fpixels = 0;
    int spixels = 0;
    int xmin = 0, xmax = -1;          // fast index, inclusive, already clamped to the detector
    int ymin = 0, ymax = -1;          // slow index, inclusive
    std::vector<std::uint16_t> mask;  // empty = no mask; else fpixels*spixels values

    bool inRoi(int f, int s) const { return f >= xmin && f <= xmax && s >= ymin && s <= ymax; }
    bool masked(int f, int s) const { return !mask.empty() && mask[std::size_t(s) * fpixels + f] == 0; }
    bool rendered(int f, int s) const { return inRoi(f, s) && !masked(f, s); }

    static PixelSelection whole(int fpixels, int spixels) {
        PixelSelection sel;
        sel.fpixels = fpixels;
        sel.spixels = spixels;
        sel.xmax = fpixels - 1;
        sel.ymax = spixels - 1;
        return sel;
    }
};

}  // namespace bragg
