#include "compare/Ablation.h"

namespace bragg {

const std::vector<AblationInfo>& ablations() {
    static const std::vector<AblationInfo> list{
        {Feature::Sources, "single-source", "single source"},
        {Feature::Mosaic, "no-mosaic", "no mosaic"},
        {Feature::PhiSteps, "one-phi-step", "one phi step"},
        {Feature::Oversample, "oversample-1", "oversample 1"},
        {Feature::Interpolation, "interpolation-off", "interpolation off"},
        {Feature::ThicknessLayers, "one-thickness-layer", "one thickness layer"},
        {Feature::Polarization, "polarization-off", "polarization off"},
        {Feature::DetectorRotations, "detector-rotations-zero", "detector rotations zero"},
        {Feature::HklTable, "default-F", "default_F instead of HKL"},
    };
    return list;
}

const AblationInfo& ablationInfo(Feature feature) {
    for (const AblationInfo& a : ablations())
        if (a.feature == feature) return a;
    return ablations().front();  // unreachable: every Feature has a row
}

bool featureActive(Feature feature, const Experiment& e) {
    const Params& p = e.params;
    switch (feature) {
    case Feature::Sources: return e.beam.sources.size() > 1;
    case Feature::Mosaic: return e.crystal.domains() > 1 || e.crystal.mosaicSpread != 0;
    case Feature::PhiSteps: return e.crystal.phiSteps() > 1;
    case Feature::Oversample: return e.detector.oversample > 1;
    case Feature::Interpolation: return e.crystal.interpolate;
    case Feature::ThicknessLayers: return e.detector.thickLayers > 1;
    case Feature::Polarization: return !e.beam.noPolar;
    case Feature::DetectorRotations:
        return p.detectorRotDeg[0] != 0 || p.detectorRotDeg[1] != 0 || p.detectorRotDeg[2] != 0 || p.twothetaDeg != 0;
    case Feature::HklTable: return e.crystal.hkl != nullptr;
    }
    return false;
}

Params ablate(const Params& params, Feature feature) {
    Params p = params;
    switch (feature) {
    case Feature::Sources:
        p.sourceFile.clear();
        p.dispersionPct = 0;
        p.dispSteps.reset();
        p.hdivRangeMrad.reset(), p.vdivRangeMrad.reset();
        p.hdivStepMrad.reset(), p.vdivStepMrad.reset();
        p.hdivSteps.reset(), p.vdivSteps.reset();
        break;
    case Feature::Mosaic:
        p.mosaicSpreadDeg.reset();
        p.mosaicDomains.reset();
        break;
    case Feature::PhiSteps:
        p.phiSteps = 1;
        p.oscDeg = 0;
        p.phiStepDeg = 0;
        break;
    case Feature::Oversample: p.oversample = 1; break;
    case Feature::Interpolation: p.interpolation = Interpolation::Off; break;
    case Feature::ThicknessLayers:
        // With any thickness the reference uses at least two layers: one layer means no thickness.
        p.detectorThickUm = 0;
        p.thickSteps.reset();
        break;
    case Feature::Polarization: p.noPolar = true; break;
    case Feature::DetectorRotations:
        p.detectorRotDeg = {0, 0, 0};
        p.twothetaDeg = 0;
        break;
    case Feature::HklTable:
        p.hklFile.clear();
        if (p.defaultF == 0) p.defaultF = 100;
        break;
    }
    return p;
}

Params ablate(const Params& params, const std::vector<Feature>& features) {
    Params p = params;
    for (Feature f : features) p = ablate(p, f);
    return p;
}

std::string describe(const std::vector<Feature>& features) {
    if (features.empty()) return "(none)";
    std::string text;
    for (Feature f : features) text += (text.empty() ? "" : " + ") + std::string(ablationInfo(f).description);
    return text;
}

}  // namespace bragg
