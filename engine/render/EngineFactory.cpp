#include <string>
#include <utility>
#include <vector>

#include "core/Error.h"
#include "render/Engine.h"
#include "render/OptimizedEngine.h"
#include "render/ReferenceEngine.h"

namespace bragg {
namespace {

std::vector<std::pair<std::string, EngineMaker>>& addedMakers() {
    static std::vector<std::pair<std::string, EngineMaker>> makers;
    return makers;
}

}  // namespace

void addEngineMaker(const std::string& prefix, EngineMaker maker) {
    addedMakers().emplace_back(prefix, std::move(maker));
}

std::vector<std::string> engineNames() { return {"reference", "optimized"}; }

std::vector<std::string> sideEngineNames() {
    std::vector<std::string> names = engineNames();
    names.push_back("reference:f32");
    return names;
}

std::unique_ptr<Engine> makeEngine(const std::string& name) {
    if (name == "reference") return std::make_unique<ReferenceEngine>();
    if (name == "reference:f32") return std::make_unique<ReferenceEngine>(Precision::Float32);
    if (name == "optimized") return std::make_unique<OptimizedEngine>();
    for (const auto& [prefix, maker] : addedMakers())
        if (name.rfind(prefix, 0) == 0) return maker(name);
    throw usageError("--engine: unknown engine '" + name +
                     "' (choose reference, optimized or reference:f32)");
}

}  // namespace bragg

namespace bragg {

void checkTracePixel(const Experiment& e, int fast, int slow) {
    const DetectorModel& d = e.detector;
    if (fast < 0 || slow < 0 || fast >= d.fpixels || slow >= d.spixels)
        throw usageError("--pixel: (" + std::to_string(fast) + ", " + std::to_string(slow) +
                         ") is outside the detector (" + std::to_string(d.fpixels) + " x " +
                         std::to_string(d.spixels) + " pixels)");
}

}  // namespace bragg
