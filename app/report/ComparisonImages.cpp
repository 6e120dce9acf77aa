#include "report/ComparisonImages.h"

#include "io/AtomicFile.h"
#include "io/RawFloat.h"
#include "report/PngFile.h"

namespace bragg::report {

std::vector<std::string> writeComparisonImages(const std::string& dir, const Image& reference, const Image& candidate,
                                               const ImageOptions& options) {
    const DisplayRange range = sharedDisplayRange({&reference, &candidate}, options.clipPercentile, options.scaling);
    const Image diff = differenceImage(reference, candidate);
    std::vector<std::string> written{"reference.png", "candidate.png", "diff.png"};
    writePng(dir + "/reference.png", renderIntensity(reference, range));
    writePng(dir + "/candidate.png", renderIntensity(candidate, range));
    writePng(dir + "/diff.png", renderDifference(diff, symmetricLimit(diff, options.diffClipPercentile)));
    if (options.writeDiffFloat) {
        io::writeFloatImage(dir + "/diff.f32", diff);
        written.push_back("diff.f32");
    }
    return written;
}

void writePixelGateMask(const PixelGate& gate, const std::string& pngPath, const std::string& rawPath) {
    const std::vector<std::uint8_t>& mask = *gate.mask;
    if (!pngPath.empty()) {
        RgbImage png{gate.maskFpixels, gate.maskSpixels, std::vector<std::uint8_t>(mask.size() * 3)};
        for (std::size_t i = 0; i < mask.size(); ++i)
            png.rgb[3 * i] = png.rgb[3 * i + 1] = png.rgb[3 * i + 2] = mask[i] ? 255 : 0;
        writePng(pngPath, png);
    }
    if (!rawPath.empty())
        io::writeFileAtomically(rawPath,
                                std::string_view(reinterpret_cast<const char*>(mask.data()), mask.size()));
}

}  // namespace bragg::report
