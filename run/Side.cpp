#include "run/Side.h"

#include <algorithm>
#include <filesystem>

#include "params/PhysicsMode.h"

namespace bragg::run {

std::string physicsLabel(const PhysicsFixes& fixes) {
    std::string mode = physicsModeName(fixes);
    if (mode == "nanobragg") return "nanoBragg-compatible";
    if (mode == "corrected") return mode;
    std::string list;
    for (const char c : mode) list += c == ',' ? std::string(", ") : std::string(1, c);
    return "fixes: " + list;
}

SideSpec SideSpec::engineSide(const std::string& name, const PhysicsFixes& fixes) {
    SideSpec s;
    s.engine = name;
    s.fixes = fixes;
    return s;
}

SideSpec SideSpec::programSide(const std::string& executable) {
    SideSpec s;
    s.kind = SideKind::Program;
    s.path = executable;
    return s;
}

SideSpec SideSpec::commandSide(const std::string& commandTemplate) {
    SideSpec s;
    s.kind = SideKind::Command;
    s.command = commandTemplate;
    return s;
}

SideSpec SideSpec::fileSide(const std::string& image) {
    SideSpec s;
    s.kind = SideKind::File;
    s.path = image;
    return s;
}

SideSpec correctedReference(const SideSpec& reference, const PhysicsFixes& fixes) {
    return SideSpec::engineSide(reference.kind == SideKind::Engine ? reference.engine : "reference", fixes);
}

bool SideSpec::sameRunner(const SideSpec& o) const {
    SideSpec a = *this, b = o;
    a.fixes = b.fixes = {};
    return a == b;
}

Params SideSpec::sideParams(const Params& params) const {
    Params p = params;
    if (kind == SideKind::Engine) p.fixes = fixes;
    return p;
}

std::string SideSpec::label() const {
    namespace fs = std::filesystem;
    switch (kind) {
        case SideKind::Engine:
            return engine + " (" + physicsLabel(fixes) + ")";
        case SideKind::Program:
            return fs::path(path).filename().string() + " (program)";
        case SideKind::Command: {
            // The first word naming a file of the user's, e.g. "python3 port.py ..." → port.py.
            std::string shown = command.substr(0, command.find(' '));
            for (std::size_t start = 0; start < command.size();) {
                const std::size_t end = std::min(command.find(' ', start), command.size());
                const std::string word = command.substr(start, end - start);
                if (word.find('.') != std::string::npos && word.find('{') == std::string::npos) {
                    shown = word;
                    break;
                }
                start = end + 1;
            }
            return fs::path(shown).filename().string() + " (command)";
        }
        case SideKind::File:
            return "file " + fs::path(path).filename().string();
    }
    return {};
}

}  // namespace bragg::run
