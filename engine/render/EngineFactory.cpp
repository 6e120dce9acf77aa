#include <string>

#include "core/Error.h"
#include "render/Engine.h"
#include "render/OptimizedEngine.h"
#include "render/PerturbedEngine.h"
#include "render/ReferenceEngine.h"

namespace bragg {

std::vector<std::string> engineNames() { return {"reference", "optimized"}; }

std::unique_ptr<Engine> makeEngine(const std::string& name) {
    if (name == "reference") return std::make_unique<ReferenceEngine>();
    if (name == "optimized") return std::make_unique<OptimizedEngine>();
    if (name.rfind("perturbed:", 0) == 0) return makePerturbedEngine(name);  // test hook, needs BRAGG_TEST_HOOKS=1
    throw usageError("--engine: unknown engine '" + name + "' (choose reference or optimized)");
}

}  // namespace bragg
