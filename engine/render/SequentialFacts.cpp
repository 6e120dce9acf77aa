#include "render/SequentialFacts.h"

#include <algorithm>
#include <atomic>
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

SequentialFacts computeSequentialFacts(const Experiment& e, const RowSwitchScanner& scanner,
                                       Precision precision) {
    SequentialFacts facts;
    const int fpixels = e.detector.fpixels;
    facts.firstPhiPixel = firstPhiLoopPixel(e);

    const bool sticky = !e.params.fixes.stickyInterpolation;
    if (!(e.crystal.interpolate && e.crystal.hkl && sticky)) return facts;
    // One parallel pass over the rows; a row is skipped once a switch-off was found in an earlier
    // row, so the cost stays near that of the rows before the first switch. The result is the
    // minimum over rows, independent of the thread count.
    std::atomic<long long> best{LLONG_MAX};
#pragma omp parallel for schedule(dynamic, 2)
    for (int slow = e.selection.ymin; slow <= e.selection.ymax; ++slow) {
        if (static_cast<long long>(slow) * fpixels > best.load(std::memory_order_relaxed)) continue;
        long long found = -1;
        if (scanner) {
            found = scanner(slow, facts.firstPhiPixel);
        } else {
            for (long long pixel : renderedRow(e, slow))
                if (pixelSwitchesInterpolationOff(e, int(pixel % fpixels), slow, pixel == facts.firstPhiPixel,
                                                  precision)) {
                    found = pixel;
                    break;
                }
        }
        if (found < 0) continue;
        long long current = best.load();
        while (found < current && !best.compare_exchange_weak(current, found)) {
        }
    }
    facts.interpolationOffPixel = best.load();
    return facts;
}

}  // namespace bragg
