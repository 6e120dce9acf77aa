#include "StudioCommandLine.h"

#include "ImageSources.h"
#include "core/Error.h"
#include "params/FlagParser.h"

namespace bragg::ui {

const char* studioUsage() {
    return "usage: bragg-studio [options] [nanoBragg flags]\n"
           "  --export-comparison OUT.png  render, export the comparison image and exit\n"
           "  --summary OUT.json           with --export-comparison: also write summary.json\n"
           "  --reference-program PATH     reference from an external nanoBragg-compatible program\n"
           "  --reference-file PATH        reference from an image file (raw float or SMV)\n"
           "  --candidate-file PATH        candidate from an image file\n"
           "  --candidate-engine NAME      candidate engine (reference, optimized)\n"
           "With no nanoBragg flags the built-in demo is used.\n";
}

StudioCommandLine parseStudioCommandLine(const std::vector<std::string>& args) {
    StudioCommandLine c;
    c.sources = defaultSources();
    std::vector<std::string> flags;
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
        else if (a.rfind("--", 0) == 0)
            throw usageError("unknown option '" + a + "'");
        else
            flags.push_back(a);
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
