#include <string>

#include "core/Error.h"
#include "render/Engine.h"
#include "render/OptimizedEngine.h"
#include "render/PerturbedEngine.h"
#include "render/ReferenceEngine.h"

namespace bragg {

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
    if (name.rfind("perturbed:", 0) == 0) return makePerturbedEngine(name);  // test hook, needs BRAGG_TEST_HOOKS=1
    throw usageError("--engine: unknown engine '" + name +
                     "' (choose reference, optimized or reference:f32)");
}

}  // namespace bragg

namespace bragg {

void checkTracePixel(const Experiment& e, int fast, int slow) {
    const DetectorModel& d = e.detector;
    if (fast < 0 || slow < 0 || fast >= d.fpixels || slow >= d.spixels)
        throw usageError("--pixel: (" + std::to_string(fast) + ", " + std::to_string(slow) +
                         ") is outside the detector (" + std::to_string(d.fpixels) + " x " + std::to_string(d.spixels) +
                         " pixels)");
}

}  // namespace bragg
