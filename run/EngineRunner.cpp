#include <chrono>

#include "core/Error.h"
#include "render/OptimizedEngine.h"
#include "run/SideRunner.h"
#include "setup/SetupOf.h"

namespace bragg::run {
namespace {

using Clock = std::chrono::steady_clock;

class EngineRunner final : public SideRunner {
public:
    explicit EngineRunner(const SideSpec& spec) : engine_(makeEngine(spec.engine)) {}

    // The physics mode is the experiment's (Side adds it to the name).
    report::SideInfo info() const override { return {"engine", engine_->name(), {}, {}}; }

    SideRun run(const SideRequest& request, RenderControl* control) override {
        SideRun r;
        const auto start = Clock::now();
        try {
            r.image = engine_->render(*request.experiment, control);
        } catch (const Error& e) {
            if (e.kind() == ErrorKind::Cancelled) throw;
            throw RunnerFailure("engine " + engine_->name() + ": " + e.what());
        } catch (const std::exception& e) {
            throw RunnerFailure("engine " + engine_->name() + ": " + e.what());
        }
        r.seconds = r.renderSeconds.emplace(std::chrono::duration<double>(Clock::now() - start).count());
        if (const auto* optimized = dynamic_cast<const OptimizedEngine*>(engine_.get()))
            r.cacheHit = optimized->lastStats().cacheHit;
        r.setup = setup::setupOf(*request.experiment);
        return r;
    }

private:
    std::unique_ptr<Engine> engine_;
};

}  // namespace

std::unique_ptr<SideRunner> makeEngineRunner(const SideSpec& spec) {
    return std::make_unique<EngineRunner>(spec);
}

std::unique_ptr<SideRunner> makeSideRunner(const SideSpec& spec) {
    switch (spec.kind) {
        case SideKind::Engine:
            return makeEngineRunner(spec);
        case SideKind::Program:
            return makeProgramRunner(spec);
        case SideKind::Command:
            return makeCommandRunner(spec);
        case SideKind::File:
            return makeFileRunner(spec);
    }
    throw usageError(spec.option + ": unknown kind of side");
}

}  // namespace bragg::run
