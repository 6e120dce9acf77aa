#include "render/OptimizedEngine.h"

#include <atomic>
#include <chrono>

#include "core/Error.h"
#include "render/OptimizedPlan.h"

namespace bragg {
namespace {

constexpr int kSegment = 64;  // pixels per work item (must match the kernel's lane count)

struct Segment {
    int slow, f0, f1;
};

std::vector<Segment> segmentsOf(const PixelSelection& sel) {
    std::vector<Segment> segments;
    for (int slow = sel.ymin; slow <= sel.ymax; ++slow)
        for (int f0 = sel.xmin; f0 <= sel.xmax; f0 += kSegment)
            segments.push_back({slow, f0, std::min(f0 + kSegment, sel.xmax + 1)});
    return segments;
}

}  // namespace

OptimizedEngine::OptimizedEngine() : isa_(chooseKernel().isa) {}
OptimizedEngine::OptimizedEngine(const std::string& isa) : isa_(kernelFor(isa).isa) {}

Image OptimizedEngine::render(const Experiment& e, RenderControl* control) {
    using Clock = std::chrono::steady_clock;
    const auto start = Clock::now();
    const KernelChoice kernel = kernelFor(isa_);
    OptimizedPlan plan = makeOptimizedPlan(e, kernel);
    const auto tablesDone = Clock::now();
    stats_ = OptimizedStats{};
    stats_.isa = kernel.isa;
    if (!plan.perPixelScalar) {
        auto fill = [&](int slow, int f0, int f1, double* out) { kernel.factors(plan, slow, f0, f1, out); };
        plan.pixelFactor = cache_.factorsFor(e, stats_.cacheHit, fill);
    }
    stats_.path = plan.perPixelScalar ? "per-pixel" : (plan.squareLattice ? "vector" : "scalar-lanes");
    const std::vector<Segment> segments = segmentsOf(e.selection);
    const auto setupDone = Clock::now();

    Image image(e.detector.fpixels, e.detector.spixels);
    if (control) {
        control->rowsTotal = static_cast<long long>(segments.size());
        control->rowsDone = 0;
    }
    std::atomic<bool> stop{false};
    const long long count = static_cast<long long>(segments.size());
#pragma omp parallel for schedule(dynamic, 8)
    for (long long i = 0; i < count; ++i) {
        if (stop.load(std::memory_order_relaxed)) continue;
        if (control && control->cancelled.load(std::memory_order_relaxed)) {
            stop = true;
            continue;
        }
        const Segment& s = segments[std::size_t(i)];
        kernel.render(plan, s.slow, s.f0, s.f1, &image.pixels[std::size_t(s.slow) * image.fpixels]);
        if (control) control->rowsDone.fetch_add(1, std::memory_order_relaxed);
    }
    if (stop) throw Error(ErrorKind::Cancelled, "render cancelled");
    const auto end = Clock::now();
    stats_.tablesSeconds = std::chrono::duration<double>(tablesDone - start).count();
    stats_.cacheSeconds = std::chrono::duration<double>(setupDone - tablesDone).count();
    stats_.setupSeconds = std::chrono::duration<double>(setupDone - start).count();
    stats_.simSeconds = std::chrono::duration<double>(end - setupDone).count();
    return image;
}

PixelTrace OptimizedEngine::tracePixel(const Experiment& e, int fast, int slow) {
    checkTracePixel(e, fast, slow);
    const KernelChoice kernel = kernelFor(isa_);
    OptimizedPlan plan = makeOptimizedPlan(e, kernel);
    if (!plan.perPixelScalar) {
        bool hit = false;
        auto fill = [&](int s, int f0, int f1, double* out) { kernel.factors(plan, s, f0, f1, out); };
        plan.pixelFactor = cache_.factorsFor(e, hit, fill);
    }
    PixelTracer tracer(e.crystal.domains());
    tracer.trace().engine = name() + " (" + kernel.isa + ")";
    tracer.trace().fast = fast, tracer.trace().slow = slow;
    tracer.trace().value = kernel.trace(plan, slow, fast, &tracer);
    return std::move(tracer.trace());
}

}  // namespace bragg
