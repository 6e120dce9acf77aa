#include "RenderTypes.h"

#include <filesystem>

namespace bragg::ui {

std::string ImageSourceSpec::label() const {
    switch (kind) {
        case SourceKind::Engine:
            return engine + " engine";
        case SourceKind::External:
            return std::filesystem::path(path).filename().string() + " (external)";
        case SourceKind::File:
            return "file " + std::filesystem::path(path).filename().string();
    }
    return {};
}

}  // namespace bragg::ui
