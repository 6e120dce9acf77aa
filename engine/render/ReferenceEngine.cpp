#include "render/ReferenceEngine.h"

#include <algorithm>
#include <atomic>

#include "core/Error.h"
#include "render/ReferencePixel.h"
#include "render/SequentialFacts.h"

namespace bragg {

namespace {
constexpr int kPartialBands = 16;  // partial images per watched render
}  // namespace

Image ReferenceEngine::render(const Experiment& e, RenderControl* control) {
    const PixelSelection& sel = e.selection;
    Image image(e.detector.fpixels, e.detector.spixels);
    const SequentialFacts facts = computeSequentialFacts(e, {}, precision_);
    if (control) {
        control->rowsTotal = sel.ymax >= sel.ymin ? sel.ymax - sel.ymin + 1 : 0;
        control->rowsDone = 0;
    }
    std::atomic<bool> stop{false};
    // Rows in bands (one band without a partialImage watcher): between bands, outside the parallel
    // loop, the watcher sees the image so far.
    const bool watched = control && control->partialImage;
    const int rows = sel.ymax - sel.ymin + 1;
    const int bandRows = watched ? std::max(1, rows / kPartialBands) : std::max(1, rows);
    for (int bandStart = sel.ymin; bandStart <= sel.ymax && !stop; bandStart += bandRows) {
        const int bandEnd = std::min(sel.ymax, bandStart + bandRows - 1);
#pragma omp parallel for schedule(dynamic, 1)
        for (int slow = bandStart; slow <= bandEnd; ++slow) {
            if (stop.load(std::memory_order_relaxed)) continue;
            if (control && control->cancelled.load(std::memory_order_relaxed)) {
                stop = true;
                continue;
            }
            for (int fast = sel.xmin; fast <= sel.xmax; ++fast) {
                if (!sel.rendered(fast, slow)) continue;
                const long long pixel = static_cast<long long>(slow) * sel.fpixels + fast;
                const PixelStart start{pixel == facts.firstPhiPixel, facts.interpolationStartsOn(e, pixel)};
                image.at(fast, slow) =
                    static_cast<float>(referencePixel(e, fast, slow, start, nullptr, precision_).value);
            }
            if (control) control->rowsDone.fetch_add(1, std::memory_order_relaxed);
        }
        if (watched && !stop && bandEnd < sel.ymax) control->partialImage(image);
    }
    if (stop) throw Error(ErrorKind::Cancelled, "render cancelled");
    return image;
}

PixelTrace ReferenceEngine::tracePixel(const Experiment& e, int fast, int slow) {
    checkTracePixel(e, fast, slow);
    PixelTracer tracer(e.crystal.domains());
    tracer.trace().engine = name();
    tracer.trace().fast = fast, tracer.trace().slow = slow;
    if (e.selection.rendered(fast, slow)) {
        const SequentialFacts facts = computeSequentialFacts(e, {}, precision_);
        const long long pixel = static_cast<long long>(slow) * e.selection.fpixels + fast;
        const PixelStart start{pixel == facts.firstPhiPixel, facts.interpolationStartsOn(e, pixel)};
        tracer.trace().value =
            static_cast<float>(referencePixel(e, fast, slow, start, &tracer, precision_).value);
    }
    return std::move(tracer.trace());
}

}  // namespace bragg
