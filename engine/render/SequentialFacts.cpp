#include "render/SequentialFacts.h"

#include <algorithm>
#include <vector>

#include "render/ReferencePixel.h"

namespace bragg {
namespace {

// Rendered pixels in the reference's order (slow outer, fast inner), as linear indices.
std::vector<long long> renderedRow(const Experiment& e, int slow) {
    std::vector<long long> pixels;
    const PixelSelection& sel = e.selection;
    if (slow < sel.ymin || slow > sel.ymax) return pixels;
    for (int fast = sel.xmin; fast <= sel.xmax; ++fast)
        if (sel.rendered(fast, slow)) pixels.push_back(static_cast<long long>(slow) * sel.fpixels + fast);
    return pixels;
}

}  // namespace

long long firstPhiLoopPixel(const Experiment& e) {
    const int fpixels = e.detector.fpixels;
    for (int slow = e.selection.ymin; slow <= e.selection.ymax; ++slow)
        for (long long pixel : renderedRow(e, slow))
            if (pixelRunsPhiLoop(e, int(pixel % fpixels), int(pixel / fpixels))) return pixel;
    return -1;
}

SequentialFacts computeSequentialFacts(const Experiment& e, const RowSwitchScanner& scanner) {
    SequentialFacts facts;
    const int fpixels = e.detector.fpixels;
    facts.firstPhiPixel = firstPhiLoopPixel(e);

    const bool sticky = !e.fixes.stickyInterpolation;
    if (!(e.crystal.interpolate && e.crystal.hkl && sticky)) return facts;
    // Scan rows in parallel blocks, in order, and stop at the first block with a switch-off.
    const int block = 16;
    for (int first = e.selection.ymin; first <= e.selection.ymax; first += block) {
        const int last = std::min(first + block - 1, e.selection.ymax);
        long long found = LLONG_MAX;
#pragma omp parallel for schedule(dynamic, 1) reduction(min : found)
        for (int slow = first; slow <= last; ++slow) {
            if (scanner) {
                const long long pixel = scanner(slow, facts.firstPhiPixel);
                if (pixel >= 0) found = std::min(found, pixel);
                continue;
            }
            for (long long pixel : renderedRow(e, slow)) {
                if (pixelSwitchesInterpolationOff(e, int(pixel % fpixels), slow, pixel == facts.firstPhiPixel)) {
                    found = std::min(found, pixel);
                    break;
                }
            }
        }
        if (found != LLONG_MAX) {
            facts.interpolationOffPixel = found;
            break;
        }
    }
    return facts;
}

}  // namespace bragg
