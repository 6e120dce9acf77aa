#pragma once
// bragg-studio's own options, separated from the nanoBragg flags that follow (Qt-free):
//   --export-comparison OUT.png   render, write the composite PNG, exit
//   --summary OUT.json            with --export-comparison: also write summary.json
//   --reference-program PATH      reference from an external nanoBragg-compatible executable
//   --reference-file PATH         reference from a stored image (raw float or SMV)
//   --candidate-file PATH         candidate from a stored image
//   --candidate-engine NAME       candidate engine (default: optimized if built in)
//   --physics MODE                both engine sides' physics (nanobragg, corrected, fix list)
//   --reference-physics MODE, --candidate-physics MODE   one side's physics (an engine side)
// Everything else is nanoBragg flags; none means the built-in demo.
#include <optional>
#include <string>
#include <vector>

#include "RenderTypes.h"

namespace bragg::ui {

struct StudioCommandLine {
    std::string exportPng, summaryJson;
    SourceSettings sources;
    std::optional<Params> params;  // nullopt: demo
    std::vector<std::string> warnings;
    bool help = false;
};

// Throws bragg::Error(Usage) with a one-line message.
StudioCommandLine parseStudioCommandLine(const std::vector<std::string>& args);

const char* studioUsage();

}  // namespace bragg::ui
