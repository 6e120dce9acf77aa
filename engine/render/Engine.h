#pragma once
// The narrow seam between experiments and images: render(experiment, control) → image.
#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/Image.h"
#include "model/Experiment.h"
#include "trace/PixelTrace.h"

namespace bragg {

// Shared with the caller while a render runs: the caller may cancel; the engine counts rows.
struct RenderControl {
    std::atomic<bool> cancelled{false};
    std::atomic<long long> rowsDone{0};
    std::atomic<long long> rowsTotal{0};
    // Optional: the image so far (rows not rendered yet are 0), from the rendering thread between
    // bands of rows, so that a slow render can be watched as it fills. Engines fast enough to
    // finish in one go may ignore it.
    std::function<void(const Image&)> partialImage;
    double progress() const {
        const long long total = rowsTotal.load();
        return total > 0 ? double(rowsDone.load()) / double(total) : 0.0;
    }
};

class Engine {
public:
    virtual ~Engine() = default;
    virtual std::string name() const = 0;
    // Throws Error(Cancelled) if control->cancelled is set before the image is complete.
    virtual Image render(const Experiment& experiment, RenderControl* control = nullptr) = 0;
    // Pixel (fast, slow) evaluated by the same code path render() uses, with every intermediate
    // value recorded. Throws Error(Usage) for a pixel outside the detector.
    virtual PixelTrace tracePixel(const Experiment& experiment, int fast, int slow) = 0;
};

// "reference", "optimized" or "reference:f32" (the reference in float32; not in engineNames(),
// whose engines all reproduce nanoBragg), or a name an added maker claims; throws Error(Usage)
// for another name.
std::unique_ptr<Engine> makeEngine(const std::string& name);
// Engines a program adds by name prefix: makeEngine(name) calls `maker(name)` when name starts
// with `prefix`. The product adds none; the test build's bragg-hooked adds engines with
// deliberate bugs (tests/hooks). Not thread-safe: add makers before any engine is made.
using EngineMaker = std::function<std::unique_ptr<Engine>(const std::string& name)>;
void addEngineMaker(const std::string& prefix, EngineMaker maker);
std::vector<std::string> engineNames();
// Every engine a side can name: engineNames() and "reference:f32".
std::vector<std::string> sideEngineNames();

// Throws Error(Usage) naming --pixel if (fast, slow) is outside the detector.
void checkTracePixel(const Experiment& experiment, int fast, int slow);

}  // namespace bragg
