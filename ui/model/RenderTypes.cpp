#include "RenderTypes.h"

#include <algorithm>

#include "render/Engine.h"

namespace bragg::ui {

SourceSettings defaultSources() {
    SourceSettings s;
    const auto names = engineNames();
    const bool optimized = std::find(names.begin(), names.end(), "optimized") != names.end();
    s.candidate = ImageSourceSpec::engineSide(optimized ? "optimized" : "reference");
    return s;
}

}  // namespace bragg::ui
