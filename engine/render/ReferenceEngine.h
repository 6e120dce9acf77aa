#pragma once
// The readable engine: referencePixel() over all rendered pixels, OpenMP over detector rows.
// Every pixel is independent, so the image is bitwise identical for any thread count.
#include "render/Engine.h"

namespace bragg {

class ReferenceEngine final : public Engine {
public:
    std::string name() const override { return "reference"; }
    Image render(const Experiment& experiment, RenderControl* control = nullptr) override;
    PixelTrace tracePixel(const Experiment& experiment, int fast, int slow) override;
};

}  // namespace bragg
