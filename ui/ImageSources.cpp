#include "ImageSources.h"

#include <algorithm>
#include <filesystem>

#include "ExternalProgramSource.h"
#include "core/Error.h"
#include "io/RawFloat.h"
#include "io/Smv.h"
#include "render/OptimizedEngine.h"

namespace bragg::ui {

namespace {

class EngineSource final : public ImageSource {
public:
    explicit EngineSource(const std::string& name) : engine_(makeEngine(name)) {}
    Image produce(const Experiment& experiment, RenderControl& control) override {
        Image image = engine_->render(experiment, &control);
        countProduced();
        return image;
    }
    std::optional<bool> lastCacheHit() const override {
        if (const auto* optimized = dynamic_cast<const OptimizedEngine*>(engine_.get()))
            return optimized->lastStats().cacheHit;
        return std::nullopt;
    }

private:
    std::unique_ptr<Engine> engine_;
};

// A stored result: SMV if the file carries an SMV header, else raw float of the detector's size.
class FileSource final : public ImageSource {
public:
    explicit FileSource(std::string path) : path_(std::move(path)) {}
    Image produce(const Experiment& experiment, RenderControl& control) override {
        if (control.cancelled) throw Error(ErrorKind::Cancelled, "cancelled");
        Image image =
            isSmv() ? readSmvImage()
                    : io::readFloatImage(path_, experiment.detector.fpixels, experiment.detector.spixels);
        control.rowsTotal = image.spixels;
        control.rowsDone = image.spixels;
        countProduced();
        return image;
    }

private:
    bool isSmv() const {
        std::FILE* f = std::fopen(path_.c_str(), "rb");
        if (!f) throw inputError(path_ + ": cannot open");
        char head[12] = {};
        const std::size_t n = std::fread(head, 1, sizeof head, f);
        std::fclose(f);
        return n >= 11 && std::string(head, 11) == "{\nHEADER_BYT";
    }
    Image readSmvImage() const {
        const io::SmvFile smv = io::readSmv(path_, true);
        Image image(smv.width, smv.height);
        std::transform(smv.pixels.begin(), smv.pixels.end(), image.pixels.begin(),
                       [](std::uint16_t v) { return float(v); });
        return image;
    }
    std::string path_;
};

}  // namespace

std::unique_ptr<ImageSource> makeImageSource(const ImageSourceSpec& spec) {
    switch (spec.kind) {
        case SourceKind::Engine:
            return std::make_unique<EngineSource>(spec.engine);
        case SourceKind::External:
            if (spec.path.empty()) throw usageError("external program: no executable chosen");
            return makeExternalProgramSource(spec.path);
        case SourceKind::File:
            if (spec.path.empty()) throw usageError("image file: no file chosen");
            return std::make_unique<FileSource>(spec.path);
    }
    throw usageError("unknown image source");
}

SourceSettings defaultSources() {
    SourceSettings s;
    const auto names = engineNames();
    const bool optimized = std::find(names.begin(), names.end(), "optimized") != names.end();
    s.candidate = {SourceKind::Engine, optimized ? "optimized" : "reference", {}};
    return s;
}

}  // namespace bragg::ui
