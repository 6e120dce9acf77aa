#include "output/FrameWriter.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <optional>

#include "core/Error.h"
#include "io/RawFloat.h"
#include "output/DerivedImages.h"
#include "output/SimulationOutputs.h"

namespace bragg {
namespace {

using WriteCounts = void (*)(const std::string& path, const Experiment&, const std::vector<std::uint16_t>&);

struct FrameFormat {
    const char* name;
    const char* extension;
    bool wholeSeries;         // one file for every frame, staged per frame as raw float32
    WriteCounts writeCounts;  // the int image (and the noise image); null: the float image
};

// One row per format: as nanoBragg writes -intfile / -floatfile, as -cbffile, as -nexusfile.
constexpr FrameFormat kFrameFormats[] = {
    {"smv", ".img", false, writeSmvCounts},
    {"float", ".bin", false, nullptr},
    {"cbf", ".cbf", false, writeCbfCounts},
    {"nexus", ".h5", true, nullptr},
};

// One file of a frame: which pixels, and how they are written.
struct FrameOutput {
    std::string extension;  // after the frame's (or the series') stem
    bool noise = false;     // named by the noise pattern
    bool wholeSeries = false;
    WriteCounts writeCounts = nullptr;
};

Image asFloat(const std::vector<std::uint16_t>& counts, int fpixels, int spixels) {
    Image image(fpixels, spixels);
    std::copy(counts.begin(), counts.end(), image.pixels.begin());
    return image;
}

class SeriesFrameWriter final : public FrameWriter {
public:
    // The noise images' names keep the frame index last (what DIALS's file templates need):
    // "frame_#####" → "frame_noise_#####".
    SeriesFrameWriter(std::vector<FrameOutput> outputs, std::string dir, const std::string& pattern)
        : outputs_(std::move(outputs)),
          dir_(std::move(dir)),
          patterns_{pattern, std::string(pattern).insert(pattern.find('#'), "noise_")} {}

    std::vector<std::string> files(int index) const override {
        std::vector<std::string> names;
        for (const FrameOutput& o : outputs_)
            if (!o.wholeSeries) names.push_back(frameStem(patterns_[o.noise], index) + o.extension);
        return names;
    }

    std::vector<SeriesFileFrame> seriesFrames(int index) const override {
        std::vector<SeriesFileFrame> frames;
        for (const FrameOutput& o : outputs_)
            if (o.wholeSeries)
                frames.push_back({seriesStem(patterns_[o.noise]) + o.extension,
                                  ".series/" + frameStem(patterns_[o.noise], index) + o.extension + ".bin"});
        return frames;
    }

    void write(int index, const Experiment& e, const Image& image) const override {
        std::optional<IntImage> ints;
        std::optional<NoiseImage> noise;
        std::size_t staged = 0, file = 0;
        const std::vector<SeriesFileFrame> series = seriesFrames(index);
        const std::vector<std::string> names = files(index);
        for (const FrameOutput& o : outputs_) {
            const std::filesystem::path path =
                std::filesystem::path(dir_) / (o.wholeSeries ? series[staged++].staged : names[file++]);
            if (!o.noise && !o.writeCounts) {
                io::writeFloatImage(path.string(), image);
                continue;
            }
            if (o.noise && !noise) {
                long long idum = e.noiseSeed;
                Ran1Table table = e.rngTable;
                noise = makeNoiseImage(image, e.selection, e.params.adc, idum, table);
            }
            if (!o.noise && !ints) ints = makeIntImage(image, e.selection, e.params.intScale, e.params.adc);
            const std::vector<std::uint16_t>& counts = o.noise ? noise->pixels : ints->pixels;
            if (o.writeCounts)
                o.writeCounts(path.string(), e, counts);
            else
                io::writeFloatImage(path.string(), asFloat(counts, image.fpixels, image.spixels));
        }
    }

private:
    std::vector<FrameOutput> outputs_;
    std::string dir_;
    std::string patterns_[2];  // the images', the noise images'
};

}  // namespace

std::vector<std::string> frameFormatNames() {
    std::vector<std::string> names;
    for (const FrameFormat& f : kFrameFormats) names.push_back(f.name);
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

std::string seriesStem(const std::string& namePattern) {
    (void)frameStem(namePattern, 0);  // the pattern has its '#'
    const std::size_t first = namePattern.find('#');
    const std::size_t last = std::min(namePattern.find_first_not_of('#', first), namePattern.size());
    std::string before = namePattern.substr(0, first), after = namePattern.substr(last);
    const std::string separators = "_-.";
    while (!before.empty() && separators.find(before.back()) != std::string::npos) before.pop_back();
    while (!after.empty() && separators.find(after.front()) != std::string::npos) after.erase(0, 1);
    const std::string stem = before + (!before.empty() && !after.empty() ? "_" : "") + after;
    return stem.empty() || stem.back() == '/' ? stem + "series" : stem;
}

std::unique_ptr<FrameWriter> makeFrameWriter(const std::vector<std::string>& formats, const std::string& dir,
                                             const std::string& namePattern, bool noise) {
    (void)seriesStem(namePattern);  // checks the pattern now, not at the first frame
    std::vector<FrameOutput> outputs, noiseOutputs;
    for (const std::string& name : formats) {
        const auto it = std::find_if(std::begin(kFrameFormats), std::end(kFrameFormats),
                                     [&](const FrameFormat& f) { return name == f.name; });
        if (it == std::end(kFrameFormats)) {
            std::string known;
            for (const std::string& n : frameFormatNames()) known += (known.empty() ? "" : ", ") + n;
            throw usageError("--format: unknown format '" + name + "' (known: " + known + ")");
        }
        outputs.push_back({it->extension, false, it->wholeSeries, it->writeCounts});
        if (it->writeCounts || it->wholeSeries)
            noiseOutputs.push_back({it->extension, true, it->wholeSeries, it->writeCounts});
    }
    if (outputs.empty()) throw usageError("--format: no format given");
    if (noise && noiseOutputs.empty()) noiseOutputs.push_back({".img", true, false, writeSmvCounts});
    if (noise) outputs.insert(outputs.end(), noiseOutputs.begin(), noiseOutputs.end());
    return std::make_unique<SeriesFrameWriter>(std::move(outputs), dir, namePattern);
}

}  // namespace bragg
