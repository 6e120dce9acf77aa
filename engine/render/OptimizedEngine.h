#pragma once
// The fast engine: same Experiment, same formulas as the reference, evaluated with pixels in
// vector lanes, precomputed orientation tables and a detector cache that survives crystal-only
// edits (see OptimizedKernel.cpp and PixelFactorCache.h). Not thread-safe: one render at a time.
#include <string>

#include "render/Engine.h"
#include "render/PixelFactorCache.h"

namespace bragg {

struct OptimizedStats {
    double tablesSeconds = 0;  // orientation tables and sequential facts (crystal-dependent)
    double cacheSeconds = 0;   // detector cache lookup or fill (detector/beam-dependent)
    double setupSeconds = 0;   // tables + cache
    double simSeconds = 0;     // the pixel loop
    bool cacheHit = false;     // the detector cache was reused
    std::string isa;           // kernel instruction set
    std::string path;          // "vector", "scalar-lanes" or "per-pixel"
};

class OptimizedEngine final : public Engine {
public:
    OptimizedEngine();
    explicit OptimizedEngine(const std::string& isa);  // force "generic", "avx2" or "avx512"
    std::string name() const override { return "optimized"; }
    Image render(const Experiment& experiment, RenderControl* control = nullptr) override;
    PixelTrace tracePixel(const Experiment& experiment, int fast, int slow) override;

    void clearCaches() { cache_.clear(); }
    const OptimizedStats& lastStats() const { return stats_; }
    std::size_t cacheBytes() const { return cache_.bytes(); }

private:
    std::string isa_;
    PixelFactorCache cache_;
    OptimizedStats stats_;
};

}  // namespace bragg
