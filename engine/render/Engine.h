#pragma once
// The narrow seam between experiments and images: render(experiment, control) → image.
#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "core/Image.h"
#include "model/Experiment.h"

namespace bragg {

// Shared with the caller while a render runs: the caller may cancel; the engine counts rows.
struct RenderControl {
    std::atomic<bool> cancelled{false};
    std::atomic<long long> rowsDone{0};
    std::atomic<long long> rowsTotal{0};
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
};

// "reference" or "optimized"; throws Error(Usage) for another name.
std::unique_ptr<Engine> makeEngine(const std::string& name);
std::vector<std::string> engineNames();

}  // namespace bragg
