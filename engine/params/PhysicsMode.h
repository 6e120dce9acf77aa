#pragma once
// `--physics MODE`: which of nanoBragg's documented quirks (docs/physics.md) to correct.
// MODE is "nanobragg" (no fix, the default), "corrected" (every fix), or a comma list of fix
// names, e.g. "phi-zero,water" or "corrected,no-water" (every fix but one).
#include <string>
#include <vector>

#include "model/Experiment.h"
#include "params/Params.h"

namespace bragg {

struct PhysicsFixInfo {
    const char* name;          // CLI spelling
    bool PhysicsFixes::*flag;  // the switch in Params::fixes
    const char* summary;       // one line for help texts and the app
};

// Every fix, in the order of README "Physics-corrected mode".
const std::vector<PhysicsFixInfo>& physicsFixInfos();

// Throws Error(Usage) naming `option` for an unknown mode or fix name.
PhysicsFixes parsePhysicsMode(const std::string& text, const std::string& option = "--physics");

// "nanobragg", "corrected" or the comma list of the fixes that are on.
std::string physicsModeName(const PhysicsFixes& fixes);

// The fixes that can change this experiment's image (its set-up meets the quirk's conditions);
// with none, the corrected image is the nanoBragg one, bit for bit.
std::vector<std::string> quirksInEffect(const Experiment& e);

}  // namespace bragg
