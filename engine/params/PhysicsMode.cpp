#include "params/PhysicsMode.h"

#include <algorithm>

#include "core/Error.h"

namespace bragg {

const std::vector<PhysicsFixInfo>& physicsFixInfos() {
    static const std::vector<PhysicsFixInfo> infos{
        {"phi-zero", &PhysicsFixes::phiZeroRotation,
         "a phi step at 0 uses the unrotated crystal (no carry-over)"},
        {"thickness", &PhysicsFixes::allLayerCapture,
         "each sensor layer weighted by its own capture fraction; K layers of T/K span the sensor"},
        {"oversample-fold", &PhysicsFixes::oversampleFactorPerTerm,
         "-oversample_thick/polar/omega multiply each term, not the running sum"},
        {"interpolation", &PhysicsFixes::stickyInterpolation,
         "an out-of-range interpolation falls back for that evaluation only (no sticky switch-off)"},
        {"water", &PhysicsFixes::waterScaleOnce, "r_e^2 * fluence applied once to the water background"},
        {"shape-limit", &PhysicsFixes::stableShapeLimit,
         "round crystals: sinc3 by its series for small arguments (no cancellation to 0 near a node)"},
    };
    return infos;
}

PhysicsFixes parsePhysicsMode(const std::string& text, const std::string& option) {
    PhysicsFixes fixes;
    if (text == "nanobragg") return fixes;
    std::string names;
    for (const PhysicsFixInfo& info : physicsFixInfos()) names += std::string(", ") + info.name;
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t comma = std::min(text.find(',', start), text.size());
        std::string word = text.substr(start, comma - start);
        start = comma + 1;
        if (word == "corrected") {
            for (const PhysicsFixInfo& info : physicsFixInfos()) fixes.*info.flag = true;
            continue;
        }
        const bool on = word.rfind("no-", 0) != 0;
        if (!on) word = word.substr(3);
        bool known = false;
        for (const PhysicsFixInfo& info : physicsFixInfos())
            if (word == info.name) fixes.*info.flag = on, known = true;
        if (!known)
            throw usageError(option + ": unknown physics mode or fix '" + word +
                             "' (choose nanobragg, corrected" + names + ")");
    }
    return fixes;
}

std::string physicsModeName(const PhysicsFixes& fixes) {
    std::string list;
    bool all = true;
    for (const PhysicsFixInfo& info : physicsFixInfos()) {
        if (!(fixes.*info.flag)) {
            all = false;
            continue;
        }
        if (!list.empty()) list += ',';
        list += info.name;
    }
    if (list.empty()) return "nanobragg";
    return all ? "corrected" : list;
}

std::vector<std::string> quirksInEffect(const Experiment& e) {
    const CrystalModel& x = e.crystal;
    const DetectorModel& d = e.detector;
    std::vector<std::string> quirks;
    const bool phiZeroStep = std::find(x.phiRad.begin(), x.phiRad.end(), 0.0) != x.phiRad.end();
    if (phiZeroStep && x.phiSteps() > 1) quirks.push_back("phi-zero");
    if (d.thickness > 0 && d.thickLayers > 1) quirks.push_back("thickness");
    if (d.flagThick || d.flagPolar || d.flagOmega) quirks.push_back("oversample-fold");
    if (x.interpolate && x.hkl) quirks.push_back("interpolation");
    if (e.params.waterUm != 0) quirks.push_back("water");
    if (x.shape == CrystalShape::Round) quirks.push_back("shape-limit");
    return quirks;
}

}  // namespace bragg
