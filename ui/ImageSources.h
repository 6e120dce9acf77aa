#pragma once
// Where the reference and candidate images come from, behind one small interface: a built-in
// engine, an external nanoBragg-compatible executable, or a stored image file. Sources run on
// the render worker's thread and honour RenderControl cancellation.
#include <memory>
#include <optional>
#include <string>

#include "RenderTypes.h"
#include "render/Engine.h"

namespace bragg::ui {

class ImageSource {
public:
    virtual ~ImageSource() = default;
    // Throws bragg::Error (Cancelled when control.cancelled is set, Input for unreadable files).
    virtual Image produce(const Experiment& experiment, RenderControl& control) = 0;
    // True once this source has produced an image (caches, if any, are warm).
    bool warm() const { return produced_ > 0; }
    // Whether the last image reused the source's cache (engines that have one), else nullopt.
    virtual std::optional<bool> lastCacheHit() const { return std::nullopt; }

protected:
    void countProduced() { ++produced_; }

private:
    int produced_ = 0;
};

// Throws bragg::Error(Usage) for an unknown engine or an empty path.
std::unique_ptr<ImageSource> makeImageSource(const ImageSourceSpec& spec);

// The candidate default: the optimized engine when it is built in, else the reference engine.
SourceSettings defaultSources();

}  // namespace bragg::ui
