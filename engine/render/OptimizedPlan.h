#pragma once
// Everything the optimized engine precomputes for one render: the orientation table as
// structure-of-arrays, the sequential-order facts, which evaluation path applies, and the
// per-pixel factor cache it reads. Built from the same Experiment as the reference engine.
#include <string>
#include <vector>

#include "model/Experiment.h"
#include "render/OrientationLoop.h"
#include "render/SequentialFacts.h"
#include "trace/PixelTrace.h"

namespace bragg {

struct OrientationArrays {
    std::vector<double> ax, ay, az, bx, by, bz, cx, cy, cz;
    void assign(const std::vector<Vec3>& a, const std::vector<Vec3>& b, const std::vector<Vec3>& c);
};

// Orientation terms up to which sources share the sub-pixel's a·d, b·d, c·d (a stack buffer
// of 3·terms·64 doubles per segment).
constexpr int kMaxSharedTerms = 64;

struct OptimizedPlan {
    const Experiment* experiment = nullptr;
    OrientationLoopContext context;
    OrientationArrays later, first;
    bool phiTablesDiffer = false;  // the run's first φ loop sees other vectors (docs/physics.md §7.1)
    SequentialFacts facts;
    int uniformN = 0;                     // Na = Nb = Nc ≤ 10: OptimizedKernel.cpp unrolls these; else 0
    bool squareLattice = false;           // the lattice factor has a vector path
    bool tricubicSafe = false;            // the HKL table spans ≥ 4 nodes per axis (vector tricubic reads)
    bool perPixelScalar = false;          // oversample_* flags or per-layer capture: pixel by pixel
    const double* pixelFactor = nullptr;  // cap·polar·ω per pixel (not used with perPixelScalar)
    // Several sources, no interpolation, ≤ kMaxSharedTerms terms: h = (a·d)/λ − (a·i)/λ with
    // sourceShift[(source·terms + term)·3 + axis] = (a·i)/λ (b, c likewise) from the later table.
    bool sharedDirections = false;
    std::vector<double> sourceShift;

    explicit OptimizedPlan(const Experiment& e);  // everything but the facts
};

// Renders fast pixels [f0, f1) of row `slow` into `row` (full detector row), with the kernel
// compiled for one instruction set.
using SegmentRenderer = void (*)(const OptimizedPlan& plan, int slow, int f0, int f1, float* row);
// The first pixel of the segment whose evaluations switch interpolation off, or -1.
using SegmentScanner = long long (*)(const OptimizedPlan& plan, int slow, int f0, int f1);

// The detector cache's factors (PixelFactorCache.h) of the segment's pixels, into out[0 .. f1−f0).
using SegmentFactors = void (*)(const OptimizedPlan& plan, int slow, int f0, int f1, double* out);

// Pixel (fast, slow) through the segment path with its values recorded; returns its value.
using SegmentTracer = double (*)(const OptimizedPlan& plan, int slow, int fast, PixelTracer* tracer);

struct KernelChoice {
    std::string isa;  // "avx512", "avx2" or "generic"
    SegmentRenderer render = nullptr;
    SegmentScanner scan = nullptr;
    SegmentFactors factors = nullptr;
    SegmentTracer trace = nullptr;
};

// Tables, paths and sequential facts (found with the kernel's vectorized scan).
OptimizedPlan makeOptimizedPlan(const Experiment& e, const KernelChoice& kernel);

// The best kernel this CPU runs, or the one named by BRAGG_ISA (generic|avx2|avx512) when the
// CPU supports it. Throws Error(Usage) for an unknown or unsupported BRAGG_ISA.
KernelChoice chooseKernel();
std::vector<std::string> availableIsas();
KernelChoice kernelFor(const std::string& isa);

}  // namespace bragg
