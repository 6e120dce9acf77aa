#include "PerturbedEngine.h"

#include "core/Error.h"
#include "model/Lattice.h"
#include "random/Mosaic.h"

namespace bragg {
namespace {

constexpr const char* kPrefix = "perturbed:";

Perturbation parseKind(const std::string& kind) {
    const std::vector<std::string>& names = perturbationNames();
    for (std::size_t i = 0; i < names.size(); ++i)
        if (names[i] == kind) return Perturbation(i);
    std::string list;
    for (const std::string& n : names) list += (list.empty() ? "" : ", ") + n;
    throw usageError("--engine: unknown perturbation '" + kind + "' (choose " + list + ")");
}

}  // namespace

const std::vector<std::string>& perturbationNames() {
    static const std::vector<std::string> names{"source-weights", "beam-centre", "interpolation-off",
                                                "mosaic-seed"};
    return names;  // same order as enum Perturbation
}

PerturbedEngine::PerturbedEngine(Perturbation kind, std::unique_ptr<Engine> inner)
    : kind_(kind), inner_(std::move(inner)) {}

std::string PerturbedEngine::name() const {
    return kPrefix + perturbationNames()[std::size_t(kind_)] + ":" + inner_->name();
}

Image PerturbedEngine::render(const Experiment& experiment, RenderControl* control) {
    return inner_->render(perturb(experiment, kind_), control);
}

PixelTrace PerturbedEngine::tracePixel(const Experiment& experiment, int fast, int slow) {
    PixelTrace trace = inner_->tracePixel(perturb(experiment, kind_), fast, slow);
    trace.engine = name();
    return trace;
}

Experiment PerturbedEngine::perturb(const Experiment& experiment, Perturbation kind) {
    Experiment e = experiment;
    switch (kind) {
        case Perturbation::SourceWeights:
            e.steps = e.steps / static_cast<long long>(e.beam.sources.size());
            break;
        case Perturbation::BeamCentre:
            e.detector.pix0 = e.detector.pix0 + 0.5 * e.detector.pixelSize * e.detector.fdet;
            break;
        case Perturbation::InterpolationOff:
            e.crystal.interpolate = false;
            break;
        case Perturbation::MosaicSeed: {
            // A fresh table and another seed: the same number of domains and spread, other orientations.
            CrystalModel& x = e.crystal;
            long long idum = -(e.params.mosaicSeed + 1);
            Ran1Table table;
            x.mosaic = mosaicDomains(x.domains(), x.mosaicSpread, idum, table);
            buildOrientationTable(x, e.beam.spindleAxis, e.params.fixes.phiZeroRotation);
            break;
        }
    }
    return e;
}

void addPerturbedEngines() {
    static const bool added = [] {
        addEngineMaker(kPrefix, [](const std::string& name) -> std::unique_ptr<Engine> {
            const std::string rest = name.substr(std::string(kPrefix).size());
            const std::size_t colon = rest.find(':');
            if (colon == std::string::npos)
                throw usageError("--engine: expected perturbed:<kind>:<engine>, got '" + name + "'");
            const Perturbation kind = parseKind(rest.substr(0, colon));
            return std::make_unique<PerturbedEngine>(kind, makeEngine(rest.substr(colon + 1)));
        });
        return true;
    }();
    (void)added;
}

}  // namespace bragg
