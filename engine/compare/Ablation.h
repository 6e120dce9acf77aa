#pragma once
// Feature ablations for bisection: each one switches a feature of the simulation off in the
// Params (so that it can be re-run by any engine or an external program through flags).
#include <string>
#include <vector>

#include "model/Experiment.h"
#include "params/Params.h"

namespace bragg {

enum class Feature {
    Sources,            // one source: no divergence, no dispersion, no -sourcefile
    Mosaic,             // one mosaic domain, no spread
    PhiSteps,           // one φ step (at φ0)
    Oversample,         // one sub-pixel per pixel
    Interpolation,      // nearest-HKL structure factors
    ThicknessLayers,    // one detector thickness layer (thickness 0: the reference never uses one layer
                        // otherwise)
    Polarization,       // polarization factor 1 (-nopolar)
    DetectorRotations,  // detector_rot x/y/z and two-theta zero
    HklTable,           // a constant default_F instead of the HKL table
    CrystalShape,       // square crystal (sincg) instead of round/gauss/tophat
    DetectorThickness,  // no sensor thickness nor absorption (capture fraction 1)
    CurvedDetector,     // flat detector
    BeamCentre,         // beam centre at the convention's default (the detector centre)
    Misset,             // no misset: neither -misset nor -misset_seed's reading as -misset
    Dispersion,         // one wavelength (divergence kept)
    Divergence,         // one beam direction (dispersion kept)
};

struct AblationInfo {
    Feature feature;
    const char* id;           // "single-source", ... (stable: reports and tests use it)
    const char* description;  // "single source", ...
};

// Every ablation, in the order bisection tries them.
const std::vector<AblationInfo>& ablations();
const AblationInfo& ablationInfo(Feature feature);

// Whether the feature is in use in the experiment (an ablation that changes nothing is skipped).
bool featureActive(Feature feature, const Experiment& experiment);

// Params with the feature switched off. HklTable keeps a non-zero default_F (100 if it was 0).
Params ablate(const Params& params, Feature feature);
Params ablate(const Params& params, const std::vector<Feature>& features);

// "single source + no mosaic"
std::string describe(const std::vector<Feature>& features);

}  // namespace bragg
