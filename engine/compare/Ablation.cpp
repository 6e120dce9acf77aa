#include "compare/Ablation.h"

#include <array>

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
        {Feature::CrystalShape, "square-crystal", "square crystal instead of round/gauss/tophat"},
        {Feature::DetectorThickness, "no-detector-thickness", "no detector thickness"},
        {Feature::CurvedDetector, "flat-detector", "no curved detector"},
        {Feature::BeamCentre, "beam-centre-default", "beam centre at the detector centre"},
        {Feature::Misset, "no-misset", "no misset (neither -misset nor -misset_seed read as -misset)"},
        {Feature::Dispersion, "single-wavelength", "single wavelength"},
        {Feature::Divergence, "no-divergence", "no divergence"},
    };
    return list;
}

const AblationInfo& ablationInfo(Feature feature) {
    for (const AblationInfo& a : ablations())
        if (a.feature == feature) return a;
    return ablations().front();  // unreachable: every Feature has a row
}

namespace {

// Distinct wavelengths / directions of the generated source grid (a -sourcefile is left to the
// single-source ablation: these two cannot switch part of it off).
template <class Key>
bool gridVaries(const Experiment& e, Key key) {
    if (!e.params.sourceFile.empty()) return false;
    for (const Source& s : e.beam.sources)
        if (key(s) != key(e.beam.sources.front())) return true;
    return false;
}

}  // namespace

bool featureActive(Feature feature, const Experiment& e) {
    const Params& p = e.params;
    switch (feature) {
        case Feature::Sources:
            return e.beam.sources.size() > 1;
        case Feature::Mosaic:
            return e.crystal.domains() > 1 || e.crystal.mosaicSpread != 0;
        case Feature::PhiSteps:
            return e.crystal.phiSteps() > 1;
        case Feature::Oversample:
            return e.detector.oversample > 1;
        case Feature::Interpolation:
            return e.crystal.interpolate;
        case Feature::ThicknessLayers:
            return e.detector.thickLayers > 1;
        case Feature::Polarization:
            return !e.beam.noPolar;
        case Feature::DetectorRotations:
            return p.detectorRotDeg[0] != 0 || p.detectorRotDeg[1] != 0 || p.detectorRotDeg[2] != 0 ||
                   p.twothetaDeg != 0;
        case Feature::HklTable:
            return e.crystal.hkl != nullptr;
        case Feature::CrystalShape:
            return p.shape != CrystalShape::Square;
        case Feature::DetectorThickness:
            return e.detector.thickness > 0;
        case Feature::CurvedDetector:
            return e.detector.curved;
        case Feature::BeamCentre:
            // An -img/-mask header would set it again when the flags are read back.
            return p.imgFile.empty() && p.maskFile.empty() &&
                   (p.xbeamMm || p.ybeamMm || p.xcloseMm || p.ycloseMm || p.orgx || p.orgy);
        case Feature::Misset:
            return p.missetMode != MissetMode::None;
        case Feature::Dispersion:
            return gridVaries(e, [](const Source& s) { return s.lambda; });
        case Feature::Divergence:
            return gridVaries(e, [](const Source& s) {
                return std::array<double, 3>{s.incident[0], s.incident[1], s.incident[2]};
            });
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
        case Feature::Oversample:
            p.oversample = 1;
            break;
        case Feature::Interpolation:
            p.interpolation = Interpolation::Off;
            break;
        case Feature::ThicknessLayers:
            // With any thickness the reference uses at least two layers: one layer means no thickness.
            p.detectorThickUm = 0;
            p.thickSteps.reset();
            break;
        case Feature::Polarization:
            p.noPolar = true;
            break;
        case Feature::DetectorRotations:
            p.detectorRotDeg = {0, 0, 0};
            p.twothetaDeg = 0;
            break;
        case Feature::HklTable:
            p.hklFile.clear();
            if (p.defaultF == 0) p.defaultF = 100;
            break;
        case Feature::CrystalShape:
            p.shape = CrystalShape::Square;
            break;
        case Feature::DetectorThickness:
            p.detectorThickUm = 0;
            p.thickSteps.reset();
            p.detectorAbsUm.reset();
            p.oversampleThick = false;
            break;
        case Feature::CurvedDetector:
            p.curvedDetector = false;
            break;
        case Feature::BeamCentre:
            p.xbeamMm.reset(), p.ybeamMm.reset();
            p.xcloseMm.reset(), p.ycloseMm.reset();
            p.orgx.reset(), p.orgy.reset();
            break;
        case Feature::Misset:
            // docs/flags.md §1: the seed goes too, so that no "-misset_seed N a b" can bring a
            // misset back when these Params are written as flags (it only seeds a random misset).
            p.missetMode = MissetMode::None;
            p.missetDeg = {0, 0, 0};
            p.missetSeed.reset();
            break;
        case Feature::Dispersion:
            p.dispersionPct = 0;
            p.dispSteps.reset();
            break;
        case Feature::Divergence:
            p.hdivRangeMrad.reset(), p.vdivRangeMrad.reset();
            p.hdivStepMrad.reset(), p.vdivStepMrad.reset();
            p.hdivSteps.reset(), p.vdivSteps.reset();
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
