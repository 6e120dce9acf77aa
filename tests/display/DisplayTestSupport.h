#pragma once
// Small images and RGB lookups for the display tests.
#include <array>
#include <vector>

#include "core/Image.h"
#include "display/ColourMap.h"

namespace displaytest {

inline bragg::Image image(int fast, int slow, std::vector<float> values) {
    bragg::Image img(fast, slow);
    img.pixels = std::move(values);
    return img;
}

// The colour of pixel x of the first row.
inline std::array<int, 3> rgbAt(const bragg::display::RgbImage& img, int x) {
    const std::size_t i = 3 * std::size_t(x);
    return {img.rgb[i], img.rgb[i + 1], img.rgb[i + 2]};
}

}  // namespace displaytest
