#include "StudioCommandLine.h"

#include "core/Error.h"
#include "params/FlagParser.h"
#include "params/PhysicsMode.h"

namespace bragg::ui {

namespace {

// The side options, spelled as in `bragg compare`.
struct SideOption {
    const char* name;
    bool reference;
    SourceKind kind;
};
constexpr SideOption kSideOptions[] = {
    {"--reference-bin", true, SourceKind::Program},     {"--candidate-bin", false, SourceKind::Program},
    {"--reference-program", true, SourceKind::Program}, {"--reference-cmd", true, SourceKind::Command},
    {"--candidate-cmd", false, SourceKind::Command},    {"--reference-file", true, SourceKind::File},
    {"--candidate-file", false, SourceKind::File},      {"--reference-engine", true, SourceKind::Engine},
    {"--candidate-engine", false, SourceKind::Engine}};

const SideOption* sideOption(const std::string& arg) {
    for (const SideOption& o : kSideOptions)
        if (arg == o.name) return &o;
    return nullptr;
}

void setSide(ImageSourceSpec& side, SourceKind kind, const std::string& value, const std::string& option) {
    ImageSourceSpec s;
    s.kind = kind;
    s.option = option;
    if (kind == SourceKind::Engine)
        s.engine = value;
    else if (kind == SourceKind::Command)
        s.command = value;
    else
        s.path = value;
    side = s;
}

double parseSeconds(const std::string& text, const std::string& option) {
    try {
        std::size_t used = 0;
        const double s = std::stod(text, &used);
        if (used == text.size() && s > 0) return s;
    } catch (const std::exception&) {
    }
    throw usageError(option + ": expected a positive number of seconds, got '" + text + "'");
}

}  // namespace

const char* studioUsage() {
    return "usage: bragg-studio [options] [nanoBragg flags]\n"
           "  --export-comparison OUT.png  render, export the comparison image and exit\n"
           "  --summary OUT.json           with --export-comparison: also write summary.json\n"
           "  --reference-bin PATH, --candidate-bin PATH\n"
           "                               a nanoBragg-compatible program as that side (run with the\n"
           "                               flags verbatim; --reference-program is the same)\n"
           "  --reference-cmd 'CMD', --candidate-cmd 'CMD'\n"
           "                               a command template as that side, as in bragg compare:\n"
           "                               {flags} and {floatfile}, {smvfile} or {npyfile}\n"
           "  --reference-file PATH, --candidate-file PATH\n"
           "                               an image file as that side (.npy, SMV or raw float)\n"
           "  --reference-engine NAME, --candidate-engine NAME\n"
           "                               an engine as that side (reference, optimized)\n"
           "  --timeout SECONDS            kill a program side after this long (default 3600)\n"
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
    std::optional<double> timeout;
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
        else if (const SideOption* o = sideOption(a))
            setSide(o->reference ? c.sources.reference : c.sources.candidate, o->kind, value(), a);
        else if (a == "--timeout")
            timeout = parseSeconds(value(), a);
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
    if (timeout)
        for (ImageSourceSpec* side : {&c.sources.reference, &c.sources.candidate})
            side->timeoutSeconds = *timeout;
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
