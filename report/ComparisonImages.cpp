#include "report/ComparisonImages.h"

#include "core/Error.h"
#include "io/AtomicFile.h"
#include "io/RawFloat.h"
#include "report/PngFile.h"

namespace bragg::report {

std::vector<std::string> writeComparisonImages(const std::string& dir, const Image& reference,
                                               const Image& candidate, const ImageOptions& options) {
    const std::optional<Image> diff = display::differenceImage(reference, candidate);
    if (!diff) throw usageError("difference of images of different sizes");
    const display::ColourMapping linked =
        display::intensityMapping({&reference, &candidate}, options.intensity);
    std::vector<std::string> written{"reference.png", "candidate.png", "diff.png"};
    writePng(dir + "/reference.png", display::render(reference, linked));
    writePng(dir + "/candidate.png", display::render(candidate, linked));
    writePng(dir + "/diff.png",
             display::render(*diff, display::differenceMapping(*diff, display::DifferenceKind::Signed,
                                                               options.difference)));
    if (options.writeDiffFloat) {
        io::writeFloatImage(dir + "/diff.f32", *diff);
        written.push_back("diff.f32");
    }
    return written;
}

void writePixelGateMask(const PixelGate& gate, const std::string& pngPath, const std::string& rawPath) {
    const std::vector<std::uint8_t>& mask = *gate.mask;
    if (!pngPath.empty()) {
        display::RgbImage png{gate.maskFpixels, gate.maskSpixels, std::vector<std::uint8_t>(mask.size() * 3)};
        for (std::size_t i = 0; i < mask.size(); ++i)
            png.rgb[3 * i] = png.rgb[3 * i + 1] = png.rgb[3 * i + 2] = mask[i] ? 255 : 0;
        writePng(pngPath, png);
    }
    if (!rawPath.empty())
        io::writeFileAtomically(rawPath,
                                std::string_view(reinterpret_cast<const char*>(mask.data()), mask.size()));
}

}  // namespace bragg::report
