#include "StudioCommandLine.h"

#include "ImageSources.h"
#include "core/Error.h"
#include "params/FlagParser.h"
#include "params/PhysicsMode.h"

namespace bragg::ui {

const char* studioUsage() {
    return "usage: bragg-studio [options] [nanoBragg flags]\n"
           "  --export-comparison OUT.png  render, export the comparison image and exit\n"
           "  --summary OUT.json           with --export-comparison: also write summary.json\n"
           "  --reference-program PATH     reference from an external nanoBragg-compatible program\n"
           "  --reference-file PATH        reference from an image file (raw float or SMV)\n"
           "  --candidate-file PATH        candidate from an image file\n"
           "  --candidate-engine NAME      candidate engine (reference, optimized)\n"
           "  --physics MODE               physics of both engine sides: nanobragg (default), corrected,\n"
           "                               or fixes, e.g. phi-zero,water or corrected,no-water\n"
           "  --reference-physics MODE     physics of the reference engine only\n"
           "  --candidate-physics MODE     physics of the candidate engine only\n"
           "With no nanoBragg flags the built-in demo is used.\n";
}

StudioCommandLine parseStudioCommandLine(const std::vector<std::string>& args) {
    StudioCommandLine c;
    c.sources = defaultSources();
    std::vector<std::string> flags;
    std::optional<PhysicsFixes> physics, referencePhysics, candidatePhysics;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= args.size()) throw usageError(a + ": needs a value");
            return args[++i];
        };
        if (a == "--help" || a == "-h")
            c.help = true;
        else if (a == "--export-comparison")
            c.exportPng = value();
        else if (a == "--summary")
            c.summaryJson = value();
        else if (a == "--reference-program")
            c.sources.reference = {SourceKind::External, {}, value()};
        else if (a == "--reference-file")
            c.sources.reference = {SourceKind::File, {}, value()};
        else if (a == "--candidate-file")
            c.sources.candidate = {SourceKind::File, {}, value()};
        else if (a == "--candidate-engine")
            c.sources.candidate = {SourceKind::Engine, value(), {}};
        else if (a == "--physics")
            physics = parsePhysicsMode(value(), a);
        else if (a == "--reference-physics")
            referencePhysics = parsePhysicsMode(value(), a);
        else if (a == "--candidate-physics")
            candidatePhysics = parsePhysicsMode(value(), a);
        else if (a.rfind("--", 0) == 0)
            throw usageError("unknown option '" + a + "'");
        else
            flags.push_back(a);
    }
    // Physics belongs to engine sides; --physics sets both (an external program or file keeps its own).
    for (ImageSourceSpec* side : {&c.sources.reference, &c.sources.candidate})
        if (physics && side->kind == SourceKind::Engine) side->fixes = *physics;
    const std::pair<ImageSourceSpec*, const std::optional<PhysicsFixes>*> sides[] = {
        {&c.sources.reference, &referencePhysics}, {&c.sources.candidate, &candidatePhysics}};
    for (const auto& [side, fixes] : sides) {
        if (!*fixes) continue;
        if (side->kind != SourceKind::Engine)
            throw usageError(
                std::string(side == &c.sources.reference ? "--reference-physics" : "--candidate-physics") +
                ": that side is not an engine");
        side->fixes = **fixes;
    }
    if (!c.summaryJson.empty() && c.exportPng.empty())
        throw usageError("--summary needs --export-comparison");
    if (!flags.empty()) {
        ParsedFlags parsed = parseNanoBraggFlags(flags);
        c.params = std::move(parsed.params);
        c.warnings = std::move(parsed.warnings);
    }
    return c;
}

}  // namespace bragg::ui
