#pragma once
// Test hook: an engine that renders a deliberately wrong experiment, so that tests can prove the
// comparison gate catches real regressions and that bisection names the right feature. Named
// "perturbed:<kind>:<inner engine>" once addPerturbedEngines() has run: in-process tests call it,
// and the test build's bragg-hooked (bragg with these engines) does before anything else.
#include <memory>
#include <string>
#include <vector>

#include "render/Engine.h"

namespace bragg {

enum class Perturbation {
    SourceWeights,     // "source-weights": steps normalised without the source count
    BeamCentre,        // "beam-centre": pix0 shifted by half a pixel along the fast axis
    InterpolationOff,  // "interpolation-off": tricubic interpolation never used
    MosaicSeed,        // "mosaic-seed": mosaic domains drawn from another seed
};

class PerturbedEngine final : public Engine {
public:
    PerturbedEngine(Perturbation kind, std::unique_ptr<Engine> inner);
    std::string name() const override;
    Image render(const Experiment& experiment, RenderControl* control = nullptr) override;
    PixelTrace tracePixel(const Experiment& experiment, int fast, int slow) override;

    // The experiment the inner engine is given.
    static Experiment perturb(const Experiment& experiment, Perturbation kind);

private:
    Perturbation kind_;
    std::unique_ptr<Engine> inner_;
};

const std::vector<std::string>& perturbationNames();  // the <kind> spellings

// Lets makeEngine build "perturbed:<kind>:<inner>"; it throws Error(Usage) for an unknown kind
// or (via makeEngine) an unknown inner engine. Calling it again adds nothing.
void addPerturbedEngines();

}  // namespace bragg
