#include "compare/ScaleFit.h"

#include <cmath>

#include "core/Error.h"

namespace bragg {

ScaleFit fitScale(const Image& reference, const Image& candidate) {
    if (reference.fpixels != candidate.fpixels || reference.spixels != candidate.spixels)
        throw usageError("scale fit: image sizes differ");
    double saa = 0, sab = 0, sbb = 0;
    for (std::size_t i = 0; i < reference.size(); ++i) {
        const double a = reference.pixels[i], b = candidate.pixels[i];
        if (!std::isfinite(a) || !std::isfinite(b)) continue;
        saa += a * a;
        sab += a * b;
        sbb += b * b;
    }
    ScaleFit fit;
    if (!(saa > 0) || !(sbb > 0)) return fit;
    fit.scale = sab / saa;
    // Summed again rather than expanded (Σb² − 2kΣab + k²Σaa cancels to rounding noise near a fit).
    double before = 0, after = 0;
    for (std::size_t i = 0; i < reference.size(); ++i) {
        const double a = reference.pixels[i], b = candidate.pixels[i];
        if (!std::isfinite(a) || !std::isfinite(b)) continue;
        before += (b - a) * (b - a);
        after += (b - fit.scale * a) * (b - fit.scale * a);
    }
    fit.residualRmsRel = std::sqrt(before / sbb);
    fit.residualRmsRelAfterScale = std::sqrt(after / sbb);
    return fit;
}

}  // namespace bragg
