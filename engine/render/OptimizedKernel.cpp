// The optimized engine's pixel kernel. Same formulas and, per pixel, the same accumulation
// order as docs/physics.md §13 (layer → sub-pixel → source → φ → domain); what differs is the
// evaluation: a row segment of pixels sits in the vector lanes, the (φ, domain) orientations are
// a precomputed structure-of-arrays table, the square lattice factor uses the fractional index
// with a Chebyshev recurrence (physics/LatticeFast.h), and tricubic interpolation uses separable
// Lagrange weights. The sticky interpolation switch is a per-lane flag: each lane sees its own
// pixel's evaluations in the reference order, so the switch lands exactly where it does there.
//
// One body, compiled three times: for AVX-512, AVX2+FMA and baseline x86-64, via target
// attributes on three entry points. The body and its helpers are always_inline so each copy is
// generated for its own instruction set; anything not inlined stays baseline code, which is safe
// on every CPU (no ODR mix-up between ISA variants).
#include <cstdlib>
#include <cstring>
#include <string>
#include <type_traits>

#include "core/Error.h"
#include "model/PixelGeometry.h"
#include "physics/LatticeFast.h"
#include "render/OptimizedPlan.h"
#include "render/PixelFactorCache.h"
#include "render/ReferencePixel.h"
#include "trace/PixelTrace.h"

#define BRAGG_INLINE [[gnu::always_inline]] inline

namespace bragg {
namespace {

// Pixels per segment. Every lane loop runs over all kLanes (a compile-time count: no remainder
// loops); lanes past the segment's end compute pixels beyond it and are discarded.
constexpr int kLanes = 64;

enum class TableMode { None, Nearest, Interpolate };

// Lane arrays are 64-byte aligned (and the kernels say so), so vector loops need no scalar
// peeling to reach alignment — which otherwise costs more than the vector body itself.
struct SegmentState {
    int lanes = 0;                                        // real pixels in the segment (≤ kLanes)
    int slow = 0, f0 = 0, layer = 0, subS = 0, subF = 0;  // lane l is pixel (f0 + l, slow)
    alignas(64) double dx[kLanes];
    alignas(64) double dy[kLanes];
    alignas(64) double dz[kLanes];  // diffracted unit vectors of the current sub-pixel
    alignas(64) double Px[kLanes];
    alignas(64) double Py[kLanes];
    alignas(64) double Pz[kLanes];  // sub-pixel positions (kept for traces)
    alignas(64) double R[kLanes];   // airpath of the current sub-pixel
    alignas(64) double Sx[kLanes];
    alignas(64) double Sy[kLanes];
    alignas(64) double Sz[kLanes];      // scattering vector for the current source
    alignas(64) double active[kLanes];  // 1: lane takes this source in the vector path
    alignas(64) double I[kLanes];
    alignas(64) double interpolationOn[kLanes];  // 1/0: the lane's sticky interpolation switch
    alignas(64) double switched[kLanes];         // scan: 1 once an out-of-range F_cell evaluation is met
    // With plan.sharedDirections: a·d, b·d, c·d per (term, lane) for the current sub-pixel, at
    // [(3·term + axis)·kLanes + lane]; null otherwise.
    double* directionDots = nullptr;
};

// Storage for SegmentState::directionDots.
struct DirectionDots {
    alignas(64) double values[kMaxSharedTerms * 3 * kLanes];
};

#define BRAGG_ALIGNED(p) static_cast<std::decay_t<decltype(p)>>(__builtin_assume_aligned(p, 64))

// The table's vector variants live beside their scalar forms (physics/Physics.h).
using physics::inInterpolationRange;
using physics::lagrangeWeights;
using physics::TableBounds;
using physics::tableNearest;

typedef double Double4 __attribute__((vector_size(32)));
typedef double Double8 __attribute__((vector_size(64)));
typedef long long Long8 __attribute__((vector_size(64)));

// Which copy of the kernel a function is compiled into (the entry points at the end).
enum class KernelIsa { Baseline, Avx2, Avx512 };

// Four doubles from p at any alignment. The AVX2 copy loads through an unaligned vector type:
// there GCC expanded the memcpy into 16-byte halves copied through the stack and reloaded whole
// (a store-forwarding stall per load; E's render 5x slower). The AVX-512 copy keeps the memcpy,
// which it compiles to one load and which measured 11% faster on E than the vector type.
typedef double Double4Unaligned __attribute__((vector_size(32), aligned(8), may_alias));
template <KernelIsa Isa>
BRAGG_INLINE void loadDouble4(const double* p, Double4& v) {  // (by reference: no vector ABI)
    if constexpr (Isa == KernelIsa::Avx2) {
        v = *reinterpret_cast<const Double4Unaligned*>(p);
    } else {
        std::memcpy(&v, p, sizeof v);
    }
}

// One (φ, domain) orientation: the rotated a, b, c (metres).
struct OrientationTerm {
    double ax, ay, az, bx, by, bz, cx, cy, cz;
};
BRAGG_INLINE OrientationTerm orientationTerm(const OrientationArrays& o, int i) {
    return {o.ax[i], o.ay[i], o.az[i], o.bx[i], o.by[i], o.bz[i], o.cx[i], o.cy[i], o.cz[i]};
}

// h = a·S, k = b·S, l = c·S (docs/physics.md §8), in the reference's operand order.
BRAGG_INLINE void millerIndices(const OrientationTerm& t, double sx, double sy, double sz, double& h,
                                double& k, double& m) {
    h = t.ax * sx + t.ay * sy + t.az * sz;
    k = t.bx * sx + t.by * sy + t.bz * sz;
    m = t.cx * sx + t.cy * sy + t.cz * sz;
}

// The square lattice factor (docs/physics.md §9): unrolled for uniform N (N > 0) with the short series, in
// Real (float: twice the lanes; double: for the interpolating pass, whose loop is all double) —
// else the double-precision recurrence with per-axis N.
template <int N, typename Real = float>
BRAGG_INLINE double squareLatticeFactor(double h, double k, double m, int Na, int Nb, int Nc) {
    if constexpr (N > 0) {
        return double(physics::latticeAxisFactorShortN<N, Real>(h) *
                      physics::latticeAxisFactorShortN<N, Real>(k) *
                      physics::latticeAxisFactorShortN<N, Real>(m));
    } else {
        return physics::latticeAxisFactor(h, Na) * physics::latticeAxisFactor(k, Nb) *
               physics::latticeAxisFactor(m, Nc);
    }
}

// The three axis factors exactly as squareLatticeFactor<N, Real> evaluates them (for traces).
template <int N, typename Real = float>
BRAGG_INLINE Vec3 latticeAxes(double h, double k, double m, int Na, int Nb, int Nc) {
    if constexpr (N > 0) {
        return {physics::latticeAxisFactorShortN<N, Real>(h), physics::latticeAxisFactorShortN<N, Real>(k),
                physics::latticeAxisFactorShortN<N, Real>(m)};
    } else {
        return {physics::latticeAxisFactor(h, Na), physics::latticeAxisFactor(k, Nb),
                physics::latticeAxisFactor(m, Nc)};
    }
}

// Records one lane's term (traces only): the same values the lane loop computed.
template <int N, typename Real>
[[gnu::noinline]] void traceTerm(PixelTracer* tracer, int term, double h, double k, double m, int Na, int Nb,
                                 int Nc, double Flatt, double Fcell, double I) {
    tracer->atTerm(term);
    tracer->record(TraceId::H, h), tracer->record(TraceId::K, k), tracer->record(TraceId::L, m);
    tracer->record(TraceId::H0, physics::nearestIndex(h)),
        tracer->record(TraceId::K0, physics::nearestIndex(k));
    tracer->record(TraceId::L0, physics::nearestIndex(m));
    const Vec3 axes = latticeAxes<N, Real>(h, k, m, Na, Nb, Nc);
    tracer->record(TraceId::FLattA, axes[0]), tracer->record(TraceId::FLattB, axes[1]),
        tracer->record(TraceId::FLattC, axes[2]);
    tracer->record(TraceId::FLatt, Flatt), tracer->record(TraceId::FCell, Fcell),
        tracer->record(TraceId::I, I);
}

// F_latt² (only the square enters the sum; squared before widening in the float path).
template <int N>
BRAGG_INLINE double squareLatticeFactorSquared(double h, double k, double m, int Na, int Nb, int Nc) {
    if constexpr (N > 0) {
        const float f = physics::latticeAxisFactorShortN<N, float>(h) *
                        physics::latticeAxisFactorShortN<N, float>(k) *
                        physics::latticeAxisFactorShortN<N, float>(m);
        return double(f * f);
    } else {
        const double f = squareLatticeFactor<0>(h, k, m, Na, Nb, Nc);
        return f * f;
    }
}

// What one term of the square-lattice loop reads besides the lane's indices.
struct SquareTermInputs {
    int Na, Nb, Nc;
    TableBounds table;
    const double* F;
    double defaultF, defaultF2;
};

// Adds lane l's term for indices (h, k, m) to I[l] (and, traced with a tracer, records lane 0's
// values).
template <int N, TableMode Mode, bool Traced>
BRAGG_INLINE void addSquareTerm(const SquareTermInputs& in, int term, int l, double h, double k, double m,
                                const double* __restrict active, double* __restrict I, PixelTracer* tracer) {
    const double Flatt2 = squareLatticeFactorSquared<N>(h, k, m, in.Na, in.Nb, in.Nc);
    double Fcell2 = in.defaultF2;
    if constexpr (Mode == TableMode::Nearest) {
        const double Fcell = tableNearest(in.table, in.F, in.defaultF, h, k, m);
        Fcell2 = Fcell * Fcell;
    }
    I[l] += active[l] != 0.0 ? Fcell2 * Flatt2 : 0.0;
    if constexpr (Traced) {
        if (tracer && l == 0 && active[0] != 0.0) {
            const Vec3 axes = latticeAxes<N>(h, k, m, in.Na, in.Nb, in.Nc);
            const double Fcell =
                Mode == TableMode::Nearest ? tableNearest(in.table, in.F, in.defaultF, h, k, m) : in.defaultF;
            const double Flatt = N > 0 ? double(float(axes[0]) * float(axes[1]) * float(axes[2]))
                                       : axes[0] * axes[1] * axes[2];
            traceTerm<N, float>(tracer, term, h, k, m, in.Na, in.Nb, in.Nc, Flatt, Fcell, I[0]);
        }
    }
}

// All (φ, domain) terms for the active lanes: the hot loop. N > 0: Na = Nb = Nc = N unrolled.
// With shared directions (several sources), h = (a·d)/λ − (a·i)/λ from the sub-pixel's a·d and the
// plan's per-(source, term) a·i/λ: one multiply-add per index instead of a·S's three.
// Traced: lane 0's terms also go to the tracer (a separate instantiation; rendering has none).
template <int N, TableMode Mode, bool Traced>
BRAGG_INLINE void accumulateSquare(const OptimizedPlan& plan, const OrientationArrays& o, SegmentState& s,
                                   int source, PixelTracer* tracer) {
    const int terms = plan.context.terms;
    const SquareTermInputs in{plan.context.lattice.Na,
                              plan.context.lattice.Nb,
                              plan.context.lattice.Nc,
                              TableBounds(plan.context.table),
                              Mode != TableMode::None ? plan.context.table->F.data() : nullptr,
                              plan.context.defaultF,
                              plan.context.defaultF * plan.context.defaultF};
    // Separate restrict pointers: the lane arrays live in one struct, which hides from the
    // vectorizer that they do not overlap.
    const double* __restrict Sx = BRAGG_ALIGNED(s.Sx);
    const double* __restrict Sy = BRAGG_ALIGNED(s.Sy);
    const double* __restrict Sz = BRAGG_ALIGNED(s.Sz);
    const double* __restrict active = BRAGG_ALIGNED(s.active);
    double* __restrict I = BRAGG_ALIGNED(s.I);
    if (s.directionDots) {
        const double* shift = plan.sourceShift.data() + std::size_t(source) * terms * 3;
        const double inverseLambda = 1.0 / plan.experiment->beam.sources[std::size_t(source)].lambda;
        // Lanes in chunks of two vectors whose sums stay in registers across the terms (the same
        // additions in the same order as summing into I term by term).
        constexpr int kChunk = 16;
        for (int c = 0; c < kLanes; c += kChunk) {
            alignas(64) double sum[kChunk];
            for (int l = 0; l < kChunk; ++l) sum[l] = I[c + l];
            for (int i = 0; i < terms; ++i) {
                const double* __restrict ad =
                    BRAGG_ALIGNED(s.directionDots + std::size_t(3 * i) * kLanes + c);
                const double* __restrict bd = BRAGG_ALIGNED(ad + kLanes);
                const double* __restrict cd = BRAGG_ALIGNED(bd + kLanes);
                const double ha = shift[3 * i], kb = shift[3 * i + 1], lc = shift[3 * i + 2];
#pragma omp simd
                for (int l = 0; l < kChunk; ++l)
                    addSquareTerm<N, Mode, Traced>(in, i, l, ad[l] * inverseLambda - ha,
                                                   bd[l] * inverseLambda - kb, cd[l] * inverseLambda - lc,
                                                   active + c, sum, c == 0 ? tracer : nullptr);
            }
            for (int l = 0; l < kChunk; ++l) I[c + l] = sum[l];
        }
        return;
    }
    for (int i = 0; i < terms; ++i) {
        const OrientationTerm t = orientationTerm(o, i);
#pragma omp simd
        for (int l = 0; l < kLanes; ++l) {
            double h, k, m;
            millerIndices(t, Sx[l], Sy[l], Sz[l], h, k, m);
            addSquareTerm<N, Mode, Traced>(in, i, l, h, k, m, active, I, tracer);
        }
    }
}

// a·d, b·d, c·d of every (term, lane) for the current sub-pixel (see SegmentState::directionDots).
BRAGG_INLINE void directionDotsOf(const OrientationArrays& o, int terms, SegmentState& s) {
    const double* __restrict dx = BRAGG_ALIGNED(s.dx);
    const double* __restrict dy = BRAGG_ALIGNED(s.dy);
    const double* __restrict dz = BRAGG_ALIGNED(s.dz);
    for (int i = 0; i < terms; ++i) {
        const OrientationTerm t = orientationTerm(o, i);
        double* __restrict ad = BRAGG_ALIGNED(s.directionDots + std::size_t(3 * i) * kLanes);
        double* __restrict bd = BRAGG_ALIGNED(ad + kLanes);
        double* __restrict cd = BRAGG_ALIGNED(bd + kLanes);
#pragma omp simd
        for (int l = 0; l < kLanes; ++l) millerIndices(t, dx[l], dy[l], dz[l], ad[l], bd[l], cd[l]);
    }
}

// The interpolating pass's per-lane values for one orientation. Weights are structure-of-arrays
// ([node][lane]): the vectorized passes store and load them whole, the per-lane pass broadcasts.
struct InterpolationLanes {
    alignas(64) double H[kLanes], K[kLanes], M[kLanes], Flatt[kLanes], In[kLanes];
    alignas(64) double Wh[4][kLanes], Wk[4][kLanes], Wl[4][kLanes];  // Lagrange weights
    alignas(64) Double4 AlongHK[kLanes];  // per lane, the tricubic summed along h and k
    alignas(64) int Base[kLanes];         // table index of the lane's first node (0 when out of range)
};

// What the blend pass reads besides the lanes.
struct BlendInputs {
    TableBounds table;
    const double* F;
    double defaultF, waterWeight, stickyWeight;
    int Na, Nb, Nc;
};

// Blend and accumulate (vectorized): F_cell is the tricubic where the lane interpolates, else
// the nearest neighbour. WithNearest = false when every lane interpolates (the common case):
// the same values without the nearest lookups (1·tricubic + 0·nearest is tricubic).
template <int N, bool WithNearest, bool Traced>
BRAGG_INLINE void blendInterpolated(const BlendInputs& b, const InterpolationLanes& v, int term,
                                    SegmentState& s, PixelTracer* tracer) {
    const double* __restrict active = BRAGG_ALIGNED(s.active);
    double* __restrict I = BRAGG_ALIGNED(s.I);
    double* __restrict interpolationOn = BRAGG_ALIGNED(s.interpolationOn);
    const double* __restrict Flatt = BRAGG_ALIGNED(v.Flatt);
    const double* __restrict In = BRAGG_ALIGNED(v.In);
#pragma omp simd
    for (int l = 0; l < kLanes; ++l) {
        const double on = interpolationOn[l];
        const double tricubic = v.AlongHK[l][0] * v.Wl[0][l] + v.AlongHK[l][1] * v.Wl[1][l] +
                                v.AlongHK[l][2] * v.Wl[2][l] + v.AlongHK[l][3] * v.Wl[3][l];
        double Fcell = tricubic;
        if constexpr (WithNearest) {
            const double nearest = tableNearest(b.table, b.F, b.defaultF, v.H[l], v.K[l], v.M[l]);
            const double useTricubic = on * In[l];
            Fcell = useTricubic * tricubic + (1.0 - useTricubic) * nearest;
        }
        // Sticky switch-off: an out-of-range evaluation that reaches the F_cell step.
        const double reaches = (Flatt[l] != 0.0 ? 1.0 : b.waterWeight) * active[l];
        interpolationOn[l] = on * (1.0 - (1.0 - In[l]) * reaches * b.stickyWeight);
        const double contribution = Fcell * Fcell * Flatt[l] * Flatt[l];
        I[l] += active[l] * contribution;
        if constexpr (Traced) {
            if (l == 0 && active[0] != 0.0)
                traceTerm<N, double>(tracer, term, v.H[0], v.K[0], v.M[0], b.Na, b.Nb, b.Nc, Flatt[0], Fcell,
                                     I[0]);
        }
    }
}

// The tricubic up to the last sum, per lane: the four l-neighbours are one 4-wide vector (16
// contiguous loads instead of 64 gathers), summed along k and h; the blend pass sums along l,
// vectorized across lanes. The same polynomial as the reference's l-k-h order (rounding differs
// in the last bits), in short independent chains so that several lanes are in flight at once.
// The AVX-512 copy takes two lanes per vector (E: −3% single-thread CPU in place, −30% in a
// stand-alone loop; loading shared nodes once per run of lanes gained nothing).
template <KernelIsa Isa>
BRAGG_INLINE void tricubicAlongHK(const double* F, int klRange, int lRange, InterpolationLanes& v) {
    if constexpr (Isa == KernelIsa::Avx512) {
        // Two lanes per 512-bit vector: lane l's rows in the low half, lane l + 1's in the high
        // half; neighbouring pixels mostly share their nodes (a pixel moves the indices by ~0.1),
        // and then one load fills both halves.
        for (int l = 0; l < kLanes; l += 2) {
            // Out-of-range lanes have base 0 (valid nodes, finite values); zeroed below.
            const double* p = F + v.Base[l];
            const double* q = F + v.Base[l + 1];
            Double8 wh[4], wk[4];  // lane l's weight in the low half, lane l + 1's in the high
            for (int j = 0; j < 4; ++j) {
                const Double8 h0 = Double8{} + v.Wh[j][l], h1 = Double8{} + v.Wh[j][l + 1];
                const Double8 k0 = Double8{} + v.Wk[j][l], k1 = Double8{} + v.Wk[j][l + 1];
                wh[j] = __builtin_shufflevector(h0, h1, 0, 1, 2, 3, 8, 9, 10, 11);
                wk[j] = __builtin_shufflevector(k0, k1, 0, 1, 2, 3, 8, 9, 10, 11);
            }
            const bool shared = p == q;
            Double8 alongK[4];
            for (int i = 0; i < 4; ++i) {
                const double* rowP = p + i * klRange;
                const double* rowQ = q + i * klRange;
                Double8 r[4];
                for (int j = 0; j < 4; ++j) {
                    Double4 low, high;
                    loadDouble4<Isa>(rowP + j * lRange, low);
                    if (shared)
                        high = low;
                    else
                        loadDouble4<Isa>(rowQ + j * lRange, high);
                    r[j] = __builtin_shufflevector(low, high, 0, 1, 2, 3, 4, 5, 6, 7);
                }
                alongK[i] = (wk[0] * r[0] + wk[1] * r[1]) + (wk[2] * r[2] + wk[3] * r[3]);
            }
            const Double8 pair =
                (wh[0] * alongK[0] + wh[1] * alongK[1]) + (wh[2] * alongK[2] + wh[3] * alongK[3]);
            const long long in0 = -(long long)(v.In[l] != 0.0), in1 = -(long long)(v.In[l + 1] != 0.0);
            const Long8 keep{in0, in0, in0, in0, in1, in1, in1, in1};
            const Double8 kept = (Double8)((Long8)pair & keep);  // a mask, not ×0: no 0·∞
            v.AlongHK[l] = __builtin_shufflevector(kept, kept, 0, 1, 2, 3);
            v.AlongHK[l + 1] = __builtin_shufflevector(kept, kept, 4, 5, 6, 7);
        }
        return;
    }
    for (int l = 0; l < kLanes; ++l) {
        if (v.In[l] == 0.0) {
            v.AlongHK[l] = Double4{};
            continue;
        }
        const double* p = F + v.Base[l];
        // (Local copies: stores to AlongHK could otherwise alias the weights.)
        const double wh[4] = {v.Wh[0][l], v.Wh[1][l], v.Wh[2][l], v.Wh[3][l]};
        const double wk[4] = {v.Wk[0][l], v.Wk[1][l], v.Wk[2][l], v.Wk[3][l]};
        Double4 alongK[4];
        for (int i = 0; i < 4; ++i) {
            const double* row = p + i * klRange;
            Double4 r[4];
            for (int j = 0; j < 4; ++j) loadDouble4<Isa>(row + j * lRange, r[j]);
            alongK[i] = (wk[0] * r[0] + wk[1] * r[1]) + (wk[2] * r[2] + wk[3] * r[3]);
        }
        v.AlongHK[l] = (wh[0] * alongK[0] + wh[1] * alongK[1]) + (wh[2] * alongK[2] + wh[3] * alongK[3]);
    }
}

// Interpolating lanes: the same terms in three passes per orientation — indices, lattice factor
// and the tricubic's nodes and weights (vectorized over lanes); tricubic sums along h and k (lane
// by lane, 4-wide over l); blend and accumulate (vectorized) — which GCC 12 vectorizes where one
// fused loop with all of it does not.
template <int N, bool Traced, KernelIsa Isa>
BRAGG_INLINE void accumulateInterpolating(const OptimizedPlan& plan, const OrientationArrays& o,
                                          SegmentState& s, PixelTracer* tracer) {
    const int terms = plan.context.terms;
    const int Na = plan.context.lattice.Na, Nb = plan.context.lattice.Nb, Nc = plan.context.lattice.Nc;
    const TableBounds table(plan.context.table);
    const double* F = plan.context.table->F.data();
    const BlendInputs blend{table,
                            F,
                            plan.context.defaultF,
                            plan.context.water ? 1.0 : 0.0,
                            plan.context.stickySwitch ? 1.0 : 0.0,
                            Na,
                            Nb,
                            Nc};
    const double* __restrict Sx = BRAGG_ALIGNED(s.Sx);
    const double* __restrict Sy = BRAGG_ALIGNED(s.Sy);
    const double* __restrict Sz = BRAGG_ALIGNED(s.Sz);
    const double* __restrict interpolationOn = BRAGG_ALIGNED(s.interpolationOn);
    const int lRange = table.lRange, klRange = table.kRange * lRange;
    InterpolationLanes v;
    for (int i = 0; i < terms; ++i) {
        const OrientationTerm t = orientationTerm(o, i);
        int allInterpolate = 1;
#pragma omp simd reduction(& : allInterpolate)
        for (int l = 0; l < kLanes; ++l) {
            double h, k, m;
            millerIndices(t, Sx[l], Sy[l], Sz[l], h, k, m);
            v.H[l] = h, v.K[l] = k, v.M[l] = m;
            v.Flatt[l] = squareLatticeFactor<N, double>(h, k, m, Na, Nb, Nc);
            const int in = inInterpolationRange(table, h, k, m);
            v.In[l] = double(in);  // (a mask cannot convert to double; an int can)
            allInterpolate &= in & int(interpolationOn[l] != 0.0);
            const double fh = std::floor(h), fk = std::floor(k), fl = std::floor(m);
            lagrangeWeights(h - fh, v.Wh[0][l], v.Wh[1][l], v.Wh[2][l], v.Wh[3][l]);
            lagrangeWeights(k - fk, v.Wk[0][l], v.Wk[1][l], v.Wk[2][l], v.Wk[3][l]);
            lagrangeWeights(m - fl, v.Wl[0][l], v.Wl[1][l], v.Wl[2][l], v.Wl[3][l]);
            v.Base[l] = in * ((int(fh) - 1 - table.hmin) * klRange + (int(fk) - 1 - table.kmin) * lRange +
                              (int(fl) - 1 - table.lmin));
        }
        tricubicAlongHK<Isa>(F, klRange, lRange, v);
        if (allInterpolate)
            blendInterpolated<N, false, Traced>(blend, v, i, s, tracer);
        else
            blendInterpolated<N, true, Traced>(blend, v, i, s, tracer);
    }
}

// Scan pass (SequentialFacts): flags lanes with an out-of-range evaluation reaching F_cell. The
// range test comes first; the lattice factor (does the evaluation reach F_cell?) is computed
// only for terms where some lane is out of range, which is rare before the switch-off.
template <int N>
BRAGG_INLINE void scanSquare(const OptimizedPlan& plan, const OrientationArrays& o, SegmentState& s) {
    const int terms = plan.context.terms;
    const int Na = plan.context.lattice.Na, Nb = plan.context.lattice.Nb, Nc = plan.context.lattice.Nc;
    const TableBounds table(plan.context.table);
    const bool water = plan.context.water;
    const double* __restrict Sx = BRAGG_ALIGNED(s.Sx);
    const double* __restrict Sy = BRAGG_ALIGNED(s.Sy);
    const double* __restrict Sz = BRAGG_ALIGNED(s.Sz);
    const double* __restrict active = BRAGG_ALIGNED(s.active);
    double* __restrict switched = BRAGG_ALIGNED(s.switched);
    for (int i = 0; i < terms; ++i) {
        const OrientationTerm t = orientationTerm(o, i);
        int anyOutside = 0;
#pragma omp simd reduction(| : anyOutside)
        for (int l = 0; l < kLanes; ++l) {
            double h, k, m;
            millerIndices(t, Sx[l], Sy[l], Sz[l], h, k, m);
            anyOutside |= int(!inInterpolationRange(table, h, k, m)) & int(active[l] != 0.0);
        }
        if (!anyOutside) continue;
#pragma omp simd
        for (int l = 0; l < kLanes; ++l) {
            double h, k, m;
            millerIndices(t, Sx[l], Sy[l], Sz[l], h, k, m);
            const double Flatt = squareLatticeFactor<N>(h, k, m, Na, Nb, Nc);
            const bool outside = !inInterpolationRange(table, h, k, m);
            const bool hit = outside & ((Flatt != 0.0) | water) & (active[l] != 0.0);
            switched[l] = hit ? 1.0 : switched[l];
        }
    }
}

// Dispatch on N (uniform cell counts unrolled at compile time). Plain switches, not lambdas: a
// lambda is a separate function that would not inherit the caller's instruction set.
// BRAGG_KERNEL_FEW_N (sanitizer builds, engine/CMakeLists.txt): one unrolled count, N = 2, besides
// the generic path. Each unrolled N is a copy of the same template code; ten of them under ASan and
// UBSan make this file take 20 minutes to compile.
#if BRAGG_KERNEL_FEW_N
#define BRAGG_UNIFORM_N_CASES(CALL) \
    case 2:                         \
        CALL(2);                    \
        break;                      \
    default:                        \
        CALL(0);                    \
        break;
#else
#define BRAGG_UNIFORM_N_CASES(CALL) \
    case 1:                         \
        CALL(1);                    \
        break;                      \
    case 2:                         \
        CALL(2);                    \
        break;                      \
    case 3:                         \
        CALL(3);                    \
        break;                      \
    case 4:                         \
        CALL(4);                    \
        break;                      \
    case 5:                         \
        CALL(5);                    \
        break;                      \
    case 6:                         \
        CALL(6);                    \
        break;                      \
    case 7:                         \
        CALL(7);                    \
        break;                      \
    case 8:                         \
        CALL(8);                    \
        break;                      \
    case 9:                         \
        CALL(9);                    \
        break;                      \
    case 10:                        \
        CALL(10);                   \
        break;                      \
    default:                        \
        CALL(0);                    \
        break;
#endif

template <TableMode Mode, bool Traced, KernelIsa Isa>
BRAGG_INLINE void accumulateVector(const OptimizedPlan& plan, SegmentState& s, int source,
                                   PixelTracer* tracer) {
    if constexpr (Mode == TableMode::Interpolate) {
#define BRAGG_ACCUMULATE(N) accumulateInterpolating<N, Traced, Isa>(plan, plan.later, s, tracer)
        switch (plan.uniformN) { BRAGG_UNIFORM_N_CASES(BRAGG_ACCUMULATE) }
#undef BRAGG_ACCUMULATE
    } else {
#define BRAGG_ACCUMULATE(N) accumulateSquare<N, Mode, Traced>(plan, plan.later, s, source, tracer)
        switch (plan.uniformN) { BRAGG_UNIFORM_N_CASES(BRAGG_ACCUMULATE) }
#undef BRAGG_ACCUMULATE
    }
}

BRAGG_INLINE void scanVector(const OptimizedPlan& plan, SegmentState& s) {
#define BRAGG_SCAN(N) scanSquare<N>(plan, plan.later, s)
    switch (plan.uniformN) { BRAGG_UNIFORM_N_CASES(BRAGG_SCAN) }
#undef BRAGG_SCAN
}

// Unit vectors from the sample to sub-pixel (subS, subF) of every lane: subpixelPosition()
// unrolled over lanes, same operations in the same order, vectorized (within an ulp or two: the
// FMA kernels may fuse the multiply-adds; referenceSubpixelRay() has the reference's bits).
BRAGG_INLINE void diffractedDirections(const DetectorModel& d, int slow, int f0, int subS, int subF,
                                       int layer, SegmentState& s) {
    if (d.curved) {
        for (int l = 0; l < kLanes; ++l) {
            const Vec3 P = subpixelPosition(d, f0 + l, slow, subS, subF, layer);
            s.Px[l] = P[0], s.Py[l] = P[1], s.Pz[l] = P[2];
            s.R[l] = P.norm();
            const Vec3 dir = P / s.R[l];
            s.dx[l] = dir[0], s.dy[l] = dir[1], s.dz[l] = dir[2];
        }
        return;
    }
    const int n = d.oversample;
    const double delta = d.pixelSize / n;
    const double Sdet = delta * (slow * n + subS) + delta / 2;
    const double Odet = layer * d.thickStep;
    const double p0x = d.pix0[0], p0y = d.pix0[1], p0z = d.pix0[2];
    const double fx = d.fdet[0], fy = d.fdet[1], fz = d.fdet[2];
    const double sx = d.sdet[0], sy = d.sdet[1], sz = d.sdet[2];
    const double ox = d.odet[0], oy = d.odet[1], oz = d.odet[2];
#pragma omp simd
    for (int l = 0; l < kLanes; ++l) {
        const double Fdet = delta * ((f0 + l) * n + subF) + delta / 2;
        const double Px = Fdet * fx + Sdet * sx + Odet * ox + p0x;
        const double Py = Fdet * fy + Sdet * sy + Odet * oy + p0y;
        const double Pz = Fdet * fz + Sdet * sz + Odet * oz + p0z;
        const double R = std::sqrt(Px * Px + Py * Py + Pz * Pz);
        const double inverseR = 1.0 / R;  // one division instead of three (differs by ≤ 1 ulp)
        s.Px[l] = Px, s.Py[l] = Py, s.Pz[l] = Pz;
        s.R[l] = R;
        s.dx[l] = Px * inverseR;
        s.dy[l] = Py * inverseR;
        s.dz[l] = Pz * inverseR;
    }
}

// S = (d − i)/λ per lane; lanes cut by d_min are inactive for this source.
BRAGG_INLINE void scatteringVectors(const Source& source, double dmin, SegmentState& s) {
    const double ix = source.incident[0], iy = source.incident[1], iz = source.incident[2];
    const double inverseLambda = 1.0 / source.lambda;
#pragma omp simd
    for (int l = 0; l < kLanes; ++l) {
        s.Sx[l] = (s.dx[l] - ix) * inverseLambda;
        s.Sy[l] = (s.dy[l] - iy) * inverseLambda;
        s.Sz[l] = (s.dz[l] - iz) * inverseLambda;
        s.active[l] = 1.0;
    }
    if (dmin > 0) {
        for (int l = 0; l < s.lanes; ++l) {
            const double stol = 0.5 * Vec3(s.Sx[l], s.Sy[l], s.Sz[l]).norm();
            if (physics::cutByDmin(dmin, stol)) s.active[l] = 0.0;
        }
    }
}

// One lane through the shared scalar loop (other lattice shapes, the run's first φ loop), with
// the reference's S to the last bit: the lane loop's S (fused multiply-adds, one reciprocal
// instead of divisions) can be ~1e-16 where the reference's is exactly 0, and round crystals'
// sinc3 cancels there (docs/physics.md §9: such pixels take the reference's arithmetic).
BRAGG_INLINE bool accumulateLaneScalar(const OptimizedPlan& plan, bool firstTable, bool scanOnly,
                                       SegmentState& s, int l, const Source& source, PixelTracer* tracer) {
    const CrystalModel& x = plan.experiment->crystal;
    const SubpixelRay ray =
        referenceSubpixelRay(plan.experiment->detector, s.f0 + l, s.slow, s.subS, s.subF, s.layer);
    const Vec3 S = (ray.P / ray.R - source.incident) / source.lambda;
    const auto& A = firstTable ? x.aFirst : x.aLater;
    const auto& B = firstTable ? x.bFirst : x.bLater;
    const auto& C = firstTable ? x.cFirst : x.cLater;
    bool on = s.interpolationOn[l] != 0.0;
    bool switched;
    if (scanOnly) {
        double unused = 0;
        switched =
            accumulateOrientations<true>(plan.context, A.data(), B.data(), C.data(), S, unused, on, 1, 1, 1);
    } else {
        switched = accumulateOrientations(plan.context, A.data(), B.data(), C.data(), S, s.I[l], on, 1, 1, 1,
                                          l == 0 ? tracer : nullptr);
    }
    s.interpolationOn[l] = on ? 1.0 : 0.0;
    return switched;
}

// Lane 0's sub-pixel values (traces only): its position and direction as the lane loop
// computed them, and the per-sub-pixel factors evaluated from them.
[[gnu::noinline]] void traceSubpixel(PixelTracer* tracer, const DetectorModel& d, const SegmentState& s,
                                     int layer, int subS, int subF) {
    const Vec3 dir(s.dx[0], s.dy[0], s.dz[0]);
    tracer->atSubpixel(layer, subS, subF);
    tracer->record(TraceId::P, Vec3(s.Px[0], s.Py[0], s.Pz[0])), tracer->record(TraceId::R, s.R[0]),
        tracer->record(TraceId::D, dir);
    tracer->record(TraceId::Omega, physics::solidAngle(d.pixelSize, d.closeDistance, s.R[0], d.pointPixel));
    tracer->record(
        TraceId::Capture,
        d.thickness == 0 ? 1.0 : physics::captureFraction(layer, d.thickStep, d.mu, dir.dot(d.odet)));
}

[[gnu::noinline]] void traceSource(PixelTracer* tracer, const BeamModel& beam, bool flagPolar,
                                   const SegmentState& s, int index) {
    const Source& source = beam.sources[std::size_t(index)];
    const Vec3 S(s.Sx[0], s.Sy[0], s.Sz[0]);
    tracer->atSource(index);
    tracer->record(TraceId::Incident, source.incident), tracer->record(TraceId::Lambda, source.lambda);
    tracer->record(TraceId::S, S), tracer->record(TraceId::Stol, 0.5 * S.norm());
    tracer->record(TraceId::DminCut, s.active[0] != 0.0 ? 0.0 : 1.0);
    if (s.active[0] == 0.0) return;
    const Vec3 dir(s.dx[0], s.dy[0], s.dz[0]);
    tracer->record(TraceId::Polar,
                   beam.noPolar && !flagPolar
                       ? 1.0
                       : physics::polarization(beam.kahn, source.incident, dir, beam.polarAxis));
}

// The segment loop shared by rendering, scanning and tracing: layers, sub-pixels, sources; the
// orientation loops go to the vector path or, lane by lane, to the shared scalar loop.
// Traced: lane 0's values also go to the tracer.
template <bool ScanOnly, bool Traced, KernelIsa Isa>
BRAGG_INLINE void runSegment(const OptimizedPlan& plan, int slow, int f0, int f1, SegmentState& s,
                             PixelTracer* tracer = nullptr) {
    const Experiment& e = *plan.experiment;
    const DetectorModel& d = e.detector;
    const long long rowStart = static_cast<long long>(slow) * d.fpixels;
    s.lanes = f1 - f0;
    s.slow = slow, s.f0 = f0;
    // The lane (if any) that runs the run's first φ loop with the start-up vectors.
    const long long fresh = plan.facts.firstPhiPixel - (rowStart + f0);
    int freshLane = (plan.phiTablesDiffer || ScanOnly) && fresh >= 0 && fresh < s.lanes ? int(fresh) : -1;
#pragma omp simd
    for (int l = 0; l < kLanes; ++l) {
        s.I[l] = e.waterBackground;
        s.interpolationOn[l] = ScanOnly || plan.facts.interpolationStartsOn(e, rowStart + f0 + l) ? 1.0 : 0.0;
        s.switched[l] = 0.0;
    }
    if constexpr (Traced) tracer->atPixel(), tracer->record(TraceId::IStart, s.I[0]);
    const bool hasTable = plan.context.table != nullptr;
    const bool vectorPath = plan.squareLattice && (!hasTable || plan.tricubicSafe);
    const int n = d.oversample;
    for (int layer = 0; layer < d.thickLayers; ++layer) {
        for (int subS = 0; subS < n; ++subS) {
            for (int subF = 0; subF < n; ++subF) {
                s.layer = layer, s.subS = subS, s.subF = subF;
                diffractedDirections(d, slow, f0, subS, subF, layer, s);
                if (!ScanOnly && s.directionDots) directionDotsOf(plan.later, plan.context.terms, s);
                if constexpr (Traced) traceSubpixel(tracer, d, s, layer, subS, subF);
                for (std::size_t source = 0; source < e.beam.sources.size(); ++source) {
                    scatteringVectors(e.beam.sources[source], e.beam.dmin, s);
                    if constexpr (Traced) traceSource(tracer, e.beam, d.flagPolar, s, int(source));
                    if (freshLane >= 0 && s.active[freshLane] != 0.0) {
                        if (accumulateLaneScalar(plan, true, ScanOnly, s, freshLane, e.beam.sources[source],
                                                 tracer))
                            s.switched[freshLane] = 1.0;
                        s.active[freshLane] = 0.0;  // done: the lane rejoins the vector path next time
                        freshLane = -1;
                    }
                    if (!vectorPath) {
                        for (int l = 0; l < s.lanes; ++l)
                            if (s.active[l] != 0.0 && accumulateLaneScalar(plan, false, ScanOnly, s, l,
                                                                           e.beam.sources[source], tracer))
                                s.switched[l] = 1.0;
                        continue;
                    }
                    if constexpr (ScanOnly) {
                        scanVector(plan, s);
                    } else {
                        int anyOn = 0;
#pragma omp simd reduction(| : anyOn)
                        for (int l = 0; l < kLanes; ++l)
                            anyOn |= int(s.interpolationOn[l] != 0.0) & int(l < s.lanes);
                        if (!hasTable)
                            accumulateVector<TableMode::None, Traced, Isa>(plan, s, int(source), tracer);
                        else if (anyOn)
                            accumulateVector<TableMode::Interpolate, Traced, Isa>(plan, s, int(source),
                                                                                  tracer);
                        else
                            accumulateVector<TableMode::Nearest, Traced, Isa>(plan, s, int(source), tracer);
                    }
                }
            }
        }
    }
}

template <KernelIsa Isa>
BRAGG_INLINE void renderSegmentBody(const OptimizedPlan& plan, int slow, int f0, int f1, float* row) {
    const Experiment& e = *plan.experiment;
    const PixelSelection& sel = e.selection;
    const long long rowStart = static_cast<long long>(slow) * e.detector.fpixels;
    if (plan.perPixelScalar) {
        // Oversample flags fold every term into the running sum: evaluate pixel by pixel.
        for (int f = f0; f < f1; ++f) {
            if (!sel.rendered(f, slow)) continue;
            const long long pixel = rowStart + f;
            const PixelStart start{pixel == plan.facts.firstPhiPixel,
                                   plan.facts.interpolationStartsOn(e, pixel)};
            row[f] = static_cast<float>(referencePixel(e, f, slow, start).value);
        }
        return;
    }
    SegmentState s;
    DirectionDots dots;
    if (plan.sharedDirections) s.directionDots = dots.values;
    runSegment<false, false, Isa>(plan, slow, f0, f1, s);
    const double scale = kElectronRadiusSquared * e.beam.fluence;
    const double steps = double(e.steps);
    const double* factor = plan.pixelFactor + rowStart + f0;
    float* out = row + f0;
    if (sel.mask.empty()) {  // segments lie inside the region of interest: every lane is rendered
#pragma omp simd
        for (int l = 0; l < s.lanes; ++l) out[l] = static_cast<float>(scale * s.I[l] / steps * factor[l]);
        return;
    }
    for (int l = 0; l < s.lanes; ++l)
        out[l] = sel.rendered(f0 + l, slow) ? static_cast<float>(scale * s.I[l] / steps * factor[l]) : 0.0f;
}

// Pixel (fast, slow) through the same path renderSegmentBody takes, as lane 0 of a segment,
// with its values recorded. Returns the pixel's value (0 if it is not rendered).
template <KernelIsa Isa>
BRAGG_INLINE double traceSegmentBody(const OptimizedPlan& plan, int slow, int fast, PixelTracer* tracer) {
    const Experiment& e = *plan.experiment;
    const long long pixel = static_cast<long long>(slow) * e.detector.fpixels + fast;
    if (!e.selection.rendered(fast, slow)) return 0.0;
    if (plan.perPixelScalar) {
        const PixelStart start{pixel == plan.facts.firstPhiPixel, plan.facts.interpolationStartsOn(e, pixel)};
        return static_cast<float>(referencePixel(e, fast, slow, start, tracer).value);
    }
    SegmentState s;
    DirectionDots dots;
    if (plan.sharedDirections) s.directionDots = dots.values;
    runSegment<false, true, Isa>(plan, slow, fast, fast + 1, s, tracer);
    const double scale = kElectronRadiusSquared * e.beam.fluence;
    const double steps = double(e.steps);
    const double value = scale * s.I[0] / steps * plan.pixelFactor[pixel];
    tracer->atPixel();
    tracer->record(TraceId::ISum, s.I[0]), tracer->record(TraceId::ReSquaredFluence, scale),
        tracer->record(TraceId::Steps, steps);
    tracer->record(TraceId::EndFactor, plan.pixelFactor[pixel]);
    tracer->record(TraceId::Value, value);
    return static_cast<float>(value);
}

// First rendered pixel of [f0, f1) in row `slow` that switches interpolation off, or -1.
BRAGG_INLINE long long scanSegmentBody(const OptimizedPlan& plan, int slow, int f0, int f1) {
    const Experiment& e = *plan.experiment;
    SegmentState s;
    runSegment<true, false, KernelIsa::Baseline>(plan, slow, f0, f1, s);
    for (int l = 0; l < s.lanes; ++l)
        if (s.switched[l] != 0.0 && e.selection.rendered(f0 + l, slow))
            return static_cast<long long>(slow) * e.detector.fpixels + f0 + l;
    return -1;
}

// The detector cache's cap·polar·ω (PixelFactorCache.h) for a segment, vectorized for the
// common case: ω and the polarisation from the first sub-pixel and first source, the capture
// fraction from the first sub-pixel of the last layer. Lanes where the reference would look
// further (a d_min cut, or a factor that came out exactly 0) take the scalar pixelEndFactor.
BRAGG_INLINE void factorSegmentBody(const OptimizedPlan& plan, int slow, int f0, int f1, double* out) {
    const Experiment& e = *plan.experiment;
    const DetectorModel& d = e.detector;
    const BeamModel& beam = e.beam;
    SegmentState s;
    s.lanes = f1 - f0;
    s.slow = slow, s.f0 = f0;
    if (beam.dmin > 0) {
        for (int l = 0; l < s.lanes; ++l) out[l] = pixelEndFactor(e, f0 + l, slow);
        return;
    }
    alignas(64) double omega[kLanes], polar[kLanes], cap[kLanes];
    diffractedDirections(d, slow, f0, 0, 0, 0, s);
    const Vec3& i = beam.sources.front().incident;
    const physics::PolarizationFrame frame = physics::polarizationFrame(i, beam.polarAxis);
    const double pixelSize = d.pixelSize, close = d.closeDistance, kahn = beam.kahn;
    const bool pointPixel = d.pointPixel, noPolar = beam.noPolar;
#pragma omp simd
    for (int l = 0; l < kLanes; ++l) {
        const double R = s.R[l];
        omega[l] = physics::solidAngle(pixelSize, close, R, pointPixel);
        const double cos2theta = i[0] * s.dx[l] + i[1] * s.dy[l] + i[2] * s.dz[l];
        const double x = frame.E[0] * s.dx[l] + frame.E[1] * s.dy[l] + frame.E[2] * s.dz[l];
        const double y = frame.B[0] * s.dx[l] + frame.B[1] * s.dy[l] + frame.B[2] * s.dz[l];
        polar[l] = noPolar ? 1.0 : physics::polarizationFromProjections(kahn, cos2theta, x, y);
    }
    if (d.thickness == 0) {
        for (int l = 0; l < kLanes; ++l) cap[l] = 1.0;
    } else {
        const int last = d.thickLayers - 1;
        diffractedDirections(d, slow, f0, 0, 0, last, s);
        for (int l = 0; l < s.lanes; ++l) {
            const double parallax = s.dx[l] * d.odet[0] + s.dy[l] * d.odet[1] + s.dz[l] * d.odet[2];
            cap[l] = physics::captureFraction(last, d.thickStep, d.mu, parallax);
        }
    }
    for (int l = 0; l < s.lanes; ++l) {
        const bool exact = omega[l] != 0.0 && polar[l] != 0.0 && cap[l] != 0.0;
        out[l] = exact ? cap[l] * polar[l] * omega[l] : pixelEndFactor(e, f0 + l, slow);
    }
}

// TARGET is an attribute list ([[gnu::target(...)]]), which parentheses would break.
// NOLINTBEGIN(bugprone-macro-parentheses)
#define BRAGG_KERNEL_ENTRY_POINTS(SUFFIX, TARGET)                                                            \
    TARGET void renderSegment##SUFFIX(const OptimizedPlan& plan, int slow, int f0, int f1, float* row) {     \
        renderSegmentBody<KernelIsa::SUFFIX>(plan, slow, f0, f1, row);                                       \
    }                                                                                                        \
    TARGET long long scanSegment##SUFFIX(const OptimizedPlan& plan, int slow, int f0, int f1) {              \
        return scanSegmentBody(plan, slow, f0, f1);                                                          \
    }                                                                                                        \
    TARGET void factorSegment##SUFFIX(const OptimizedPlan& plan, int slow, int f0, int f1, double* out) {    \
        factorSegmentBody(plan, slow, f0, f1, out);                                                          \
    }                                                                                                        \
    TARGET double traceSegment##SUFFIX(const OptimizedPlan& plan, int slow, int fast, PixelTracer* tracer) { \
        return traceSegmentBody<KernelIsa::SUFFIX>(plan, slow, fast, tracer);                                \
    }
// NOLINTEND(bugprone-macro-parentheses)

#if defined(__clang__)  // Clang has no prefer-vector-width target option (sanitizer builds use Clang)
#define BRAGG_AVX512_TARGET [[gnu::target("avx512f,avx512dq,avx512vl,avx512bw,avx2,fma")]]
#else
#define BRAGG_AVX512_TARGET \
    [[gnu::target("avx512f,avx512dq,avx512vl,avx512bw,avx2,fma,prefer-vector-width=512")]]
#endif
BRAGG_KERNEL_ENTRY_POINTS(Baseline, )
BRAGG_KERNEL_ENTRY_POINTS(Avx2, [[gnu::target("avx2,fma")]])
BRAGG_KERNEL_ENTRY_POINTS(Avx512, BRAGG_AVX512_TARGET)

bool cpuSupports(const std::string& isa) {
    __builtin_cpu_init();
    if (isa == "avx512")
        return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq") &&
               __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512bw");
    if (isa == "avx2") return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    return isa == "generic";
}

}  // namespace

std::vector<std::string> availableIsas() {
    std::vector<std::string> isas;
    for (const char* isa : {"avx512", "avx2", "generic"})
        if (cpuSupports(isa)) isas.push_back(isa);
    return isas;
}

KernelChoice kernelFor(const std::string& isa) {
    if (!cpuSupports(isa))
        throw usageError("BRAGG_ISA: '" + isa +
                         "' is not available on this CPU (choose generic, avx2 or avx512)");
    if (isa == "avx512")
        return {isa, &renderSegmentAvx512, &scanSegmentAvx512, &factorSegmentAvx512, &traceSegmentAvx512};
    if (isa == "avx2")
        return {isa, &renderSegmentAvx2, &scanSegmentAvx2, &factorSegmentAvx2, &traceSegmentAvx2};
    return {isa, &renderSegmentBaseline, &scanSegmentBaseline, &factorSegmentBaseline, &traceSegmentBaseline};
}

KernelChoice chooseKernel() {
    if (const char* forced = std::getenv("BRAGG_ISA"); forced && *forced) return kernelFor(forced);
    return kernelFor(availableIsas().front());
}

}  // namespace bragg
