#pragma once
// A side of a comparison: what produces one of the two images. One value type for every verb of
// the CLI and for the app (which saves it in sessions and settings).
#include <string>
#include <vector>

#include "params/Params.h"

namespace bragg::run {

enum class SideKind {
    Engine,   // a built-in engine by name ("reference", "optimized"), with a physics mode
    Program,  // a nanoBragg-compatible executable, run with the flags verbatim
    Command,  // a command template for a program whose interface differs (makeCommandRunner)
    File      // a saved image: .npy, SMV or raw float32 of the detector's size
};

struct SideSpec {
    SideKind kind = SideKind::Engine;
    std::string engine = "reference";  // Engine
    std::string path;                  // Program: the executable; File: the image
    PhysicsFixes fixes = {};           // Engine: the quirks it corrects; none = nanoBragg's
    std::string command;  // Command: the template, e.g. "python3 port.py {flags} --out {npyfile}"
    std::vector<std::string> environment;  // Program, Command: NAME=VALUE set for it
    int threads = 0;                       // Program, Command: > 0 sets OMP_NUM_THREADS
    double timeoutSeconds = 3600;          // Program, Command: then killed with its process group
    bool keepScratch = false;              // Program, Command: keep the scratch directory
    std::string option;                    // what named it, for messages ("--candidate-bin")

    static SideSpec engineSide(const std::string& name, const PhysicsFixes& fixes = {});
    static SideSpec programSide(const std::string& executable);
    static SideSpec commandSide(const std::string& commandTemplate);
    static SideSpec fileSide(const std::string& image);

    bool operator==(const SideSpec&) const = default;
    // Same runner, perhaps another physics mode (an engine keeps its caches across modes).
    bool sameRunner(const SideSpec& o) const;
    // "optimized (nanoBragg-compatible)", "nanoBragg (program)", "port.py (command)", "file x.bin"
    std::string label() const;
    // The parameters this side runs with: an engine's physics fixes applied, else unchanged.
    Params sideParams(const Params& params) const;
};

// The reference side re-rendered with corrected-physics `fixes` (quirk attribution): an engine
// side keeps its engine; a program, command or file is stood in for by the reference engine, which
// reproduces nanoBragg's image to the last bit (README "Fidelity against the original program").
SideSpec correctedReference(const SideSpec& reference, const PhysicsFixes& fixes);

// "nanoBragg-compatible" (no fix), "corrected" (every fix) or "fixes: water, phi-zero".
std::string physicsLabel(const PhysicsFixes& fixes);

}  // namespace bragg::run
