#include "report/ComparisonImages.h"

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

}  // namespace bragg::report
