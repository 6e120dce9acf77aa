#include "output/FrameWriter.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <functional>

#include "core/Error.h"
#include "io/RawFloat.h"
#include "io/Smv.h"
#include "output/DerivedImages.h"

namespace bragg {
namespace {

using WriteFile = std::function<void(const std::string& path, const Experiment&, const Image&)>;

struct FrameFormat {
    const char* name;
    const char* extension;
    WriteFile write;
};

void writeIntSmv(const std::string& path, const Experiment& e, const Image& image) {
    const IntImage ints = makeIntImage(image, e.selection, e.params.intScale, e.params.adc);
    io::writeSmv(path, smvHeaderFields(e), ints.pixels);
}

void writeNoiseSmv(const std::string& path, const Experiment& e, const Image& image) {
    long long idum = e.noiseSeed;
    Ran1Table table = e.rngTable;
    const NoiseImage noise = makeNoiseImage(image, e.selection, e.params.adc, idum, table);
    io::writeSmv(path, smvHeaderFields(e), noise.pixels);
}

// One row per format written as one file per frame (as nanoBragg writes -intfile / -floatfile).
const std::vector<FrameFormat>& frameFormats() {
    static const std::vector<FrameFormat> formats = {
        {"smv", ".img", writeIntSmv},
        {"float", ".bin",
         [](const std::string& path, const Experiment&, const Image& image) {
             io::writeFloatImage(path, image);
         }},
    };
    return formats;
}

class FilePerFrameWriter final : public FrameWriter {
public:
    FilePerFrameWriter(std::vector<std::pair<std::string, WriteFile>> suffixes, std::string dir,
                       std::string pattern)
        : suffixes_(std::move(suffixes)), dir_(std::move(dir)), pattern_(std::move(pattern)) {}

    std::vector<std::string> files(int index) const override {
        std::vector<std::string> names;
        for (const auto& [suffix, write] : suffixes_) names.push_back(frameStem(pattern_, index) + suffix);
        return names;
    }

    void write(int index, const Experiment& experiment, const Image& image) const override {
        for (const auto& [suffix, write] : suffixes_)
            write((std::filesystem::path(dir_) / (frameStem(pattern_, index) + suffix)).string(), experiment,
                  image);
    }

private:
    std::vector<std::pair<std::string, WriteFile>> suffixes_;
    std::string dir_, pattern_;
};

}  // namespace

std::vector<std::string> frameFormatNames() {
    std::vector<std::string> names;
    for (const FrameFormat& f : frameFormats()) names.push_back(f.name);
    return names;
}

std::string frameStem(const std::string& namePattern, int index) {
    const std::size_t first = namePattern.find('#');
    if (first == std::string::npos)
        throw usageError("--name: '" + namePattern + "' has no '#' for the frame number");
    const std::size_t last = namePattern.find_first_not_of('#', first);
    const int width = int((last == std::string::npos ? namePattern.size() : last) - first);
    char digits[32];
    std::snprintf(digits, sizeof digits, "%0*d", width, index);
    return namePattern.substr(0, first) + digits +
           (last == std::string::npos ? "" : namePattern.substr(last));
}

std::unique_ptr<FrameWriter> makeFrameWriter(const std::vector<std::string>& formats, const std::string& dir,
                                             const std::string& namePattern, bool noise) {
    (void)frameStem(namePattern, 0);  // checks the pattern now, not at the first frame
    std::vector<std::pair<std::string, WriteFile>> suffixes;
    for (const std::string& name : formats) {
        const auto& table = frameFormats();
        const auto it =
            std::find_if(table.begin(), table.end(), [&](const FrameFormat& f) { return name == f.name; });
        if (it == table.end()) {
            std::string known;
            for (const std::string& n : frameFormatNames()) known += (known.empty() ? "" : ", ") + n;
            throw usageError("--format: unknown format '" + name + "' (known: " + known + ")");
        }
        suffixes.emplace_back(it->extension, it->write);
    }
    if (noise) suffixes.emplace_back("_noise.img", writeNoiseSmv);
    if (suffixes.empty()) throw usageError("--format: no format given");
    return std::make_unique<FilePerFrameWriter>(std::move(suffixes), dir, namePattern);
}

}  // namespace bragg
