#pragma once
// A detector-sized float image, slow-major: pixel (fast f, slow s) is pixels[s * fpixels + f].
#include <cstddef>
#include <vector>

namespace bragg {

struct Image {
    int fpixels = 0;
    int spixels = 0;
    std::vector<float> pixels;

    Image() = default;
    Image(int fast, int slow) : fpixels(fast), spixels(slow), pixels(std::size_t(fast) * slow, 0.0f) {}

    std::size_t size() const { return pixels.size(); }
    float& at(int f, int s) { return pixels[std::size_t(s) * fpixels + f]; }
    float at(int f, int s) const { return pixels[std::size_t(s) * fpixels + f]; }
};

}  // namespace bragg
