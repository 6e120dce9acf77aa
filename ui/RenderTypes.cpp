#include "RenderTypes.h"

#include <filesystem>

#include "params/PhysicsMode.h"

namespace bragg::ui {

std::string physicsLabel(const PhysicsFixes& fixes) {
    const std::string mode = physicsModeName(fixes);
    if (mode == "nanobragg") return "nanoBragg-compatible";
    if (mode == "corrected") return mode;
    std::string list;
    for (const char c : mode) list += c == ',' ? std::string(", ") : std::string(1, c);
    return "fixes: " + list;
}

Params ImageSourceSpec::sideParams(const Params& params) const {
    Params p = params;
    if (kind == SourceKind::Engine) p.fixes = fixes;
    return p;
}

std::string ImageSourceSpec::label() const {
    switch (kind) {
        case SourceKind::Engine:
            return engine + " (" + physicsLabel(fixes) + ")";
        case SourceKind::External:
            return std::filesystem::path(path).filename().string() + " (external)";
        case SourceKind::File:
            return "file " + std::filesystem::path(path).filename().string();
    }
    return {};
}

}  // namespace bragg::ui
