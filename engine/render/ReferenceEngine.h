#pragma once
// The readable engine: referencePixel() over all rendered pixels, OpenMP over detector rows.
// Every pixel is independent, so the image is bitwise identical for any thread count.
// With Precision::Float32 each pixel is evaluated in float (is a port's float32 the cause?).
#include "render/Engine.h"
#include "render/ReferencePixel.h"

namespace bragg {

class ReferenceEngine final : public Engine {
public:
    // Float32: the same loop order in float ("reference:f32"), as a float32 port would compute.
    explicit ReferenceEngine(Precision precision = Precision::Float64) : precision_(precision) {}
    std::string name() const override {
        return precision_ == Precision::Float32 ? "reference:f32" : "reference";
    }
    Image render(const Experiment& experiment, RenderControl* control = nullptr) override;
    PixelTrace tracePixel(const Experiment& experiment, int fast, int slow) override;

private:
    Precision precision_;
};

}  // namespace bragg
