#pragma once
// The innermost two loops of docs/physics.md §13 (φ steps, then mosaic domains) for one
// (sub-pixel, source): Miller indices, lattice factor, structure factor, accumulation. Shared by
// the reference engine and the optimized engine's per-lane path, so both evaluate the same
// formulas in the same order.
#include <vector>

#include "core/Vec3.h"
#include "model/Experiment.h"
#include "physics/Physics.h"
#include "trace/PixelTrace.h"

namespace bragg {

struct OrientationLoopContext {
    physics::LatticeInputs lattice;
    const io::HklTable* table = nullptr;
    double defaultF = 0;
    bool water = false;        // F_latt == 0 skips only without a water background
    bool stickySwitch = true;  // out-of-range interpolation switches it off for good
    bool flagThick = false, flagPolar = false, flagOmega = false;
    bool foldFactors = true;  // nanoBragg: a flag's factor scales the running sum (docs/physics.md §13)
    int terms = 0;            // φ steps × domains

    explicit OrientationLoopContext(const Experiment& e)
        : lattice{e.crystal.shape, e.crystal.Na,    e.crystal.Nb,
                  e.crystal.Nc,    e.crystal.fudge, e.crystal.aStar,
                  e.crystal.bStar, e.crystal.cStar, e.params.fixes.stableShapeLimit},
          table(e.crystal.hkl.get()),
          defaultF(e.crystal.defaultF),
          water(e.params.waterUm != 0),
          stickySwitch(!e.params.fixes.stickyInterpolation),
          flagThick(e.detector.flagThick),
          flagPolar(e.detector.flagPolar),
          flagOmega(e.detector.flagOmega),
          foldFactors(!e.params.fixes.oversampleFactorPerTerm),
          terms(e.crystal.phiSteps() * e.crystal.domains()) {}
};

// F_cell with the sticky interpolation switch (docs/physics.md §10). Sets `switchedOff` when an out-of-range
// evaluation is met while interpolation is on.
template <class Real = double>
inline Real structureFactor(const OrientationLoopContext& c, physics::RealArg<Real> h,
                            physics::RealArg<Real> k, physics::RealArg<Real> l, int h0, int k0, int l0,
                            bool& interpolationOn, bool& switchedOff) {
    if (c.table && interpolationOn) {
        if (physics::interpolationInRange<Real>(*c.table, h, k, l))
            return physics::structureFactorTricubic<Real>(*c.table, h, k, l);
        switchedOff = true;
        if (c.stickySwitch) interpolationOn = false;
    }
    return physics::structureFactorNearest<Real>(c.table, Real(c.defaultF), h0, k0, l0);
}

// The three lattice-factor axes of a square crystal (1 for N ≤ 1), for traces.
inline Vec3 latticeAxisFactors(const physics::LatticeInputs& c, double h, double k, double l) {
    if (c.shape != CrystalShape::Square) return Vec3::Constant(std::nan(""));
    return {c.Na > 1 ? physics::sincg(M_PI * h, c.Na) : 1.0, c.Nb > 1 ? physics::sincg(M_PI * k, c.Nb) : 1.0,
            c.Nc > 1 ? physics::sincg(M_PI * l, c.Nc) : 1.0};
}

// Accumulates every (φ, domain) term for scattering vector S into I. With `scanOnly`, returns
// true at the first F_cell evaluation that switches interpolation off, without accumulating.
// A tracer, if given, records each term's values. Real is the arithmetic's type (float: the
// reference engine's float32 evaluation).
template <bool scanOnly = false, class Real = double>
inline bool accumulateOrientations(const OrientationLoopContext& c, const Vec3T<Real>* A,
                                   const Vec3T<Real>* B, const Vec3T<Real>* C,
                                   const Vec3T<physics::RealArg<Real>>& S, physics::RealArg<Real>& I,
                                   bool& interpolationOn, physics::RealArg<Real> cap,
                                   physics::RealArg<Real> polar, physics::RealArg<Real> omega,
                                   PixelTracer* tracer = nullptr) {
    bool switchedOff = false;
    for (int i = 0; i < c.terms; ++i) {
        const Real h = A[i].dot(S), k = B[i].dot(S), l = C[i].dot(S);
        if constexpr (scanOnly) {
            // Only an out-of-range evaluation that reaches the F_cell step switches interpolation off.
            if (!c.table || !interpolationOn || physics::interpolationInRange<Real>(*c.table, h, k, l))
                continue;
        }
        const int h0 = physics::nearestIndex<Real>(h), k0 = physics::nearestIndex<Real>(k),
                  l0 = physics::nearestIndex<Real>(l);
        const Real Flatt = physics::latticeFactor<Real>(c.lattice, h, k, l, h0, k0, l0);
        if (tracer) {
            tracer->atTerm(i);
            tracer->record(TraceId::H, h), tracer->record(TraceId::K, k), tracer->record(TraceId::L, l);
            tracer->record(TraceId::H0, h0), tracer->record(TraceId::K0, k0), tracer->record(TraceId::L0, l0);
            const Vec3 axes = latticeAxisFactors(c.lattice, h, k, l);
            tracer->record(TraceId::FLattA, axes[0]), tracer->record(TraceId::FLattB, axes[1]),
                tracer->record(TraceId::FLattC, axes[2]);
            tracer->record(TraceId::FLatt, Flatt);
        }
        if (Flatt == Real(0) && !c.water) continue;
        if constexpr (scanOnly) {
            return true;
        } else {
            const Real Fcell = structureFactor<Real>(c, h, k, l, h0, k0, l0, interpolationOn, switchedOff);
            if (c.foldFactors) {
                I += Fcell * Fcell * Flatt * Flatt;
                if (c.flagThick) I *= cap;
                if (c.flagPolar) I *= polar;
                if (c.flagOmega) I *= omega;
            } else {  // corrected: the factors weight this term only
                Real term = Fcell * Fcell * Flatt * Flatt;
                if (c.flagThick) term *= cap;
                if (c.flagPolar) term *= polar;
                if (c.flagOmega) term *= omega;
                I += term;
            }
            if (tracer) tracer->record(TraceId::FCell, Fcell), tracer->record(TraceId::I, I);
        }
    }
    if (tracer) tracer->leaveTerms();
    return switchedOff;
}

}  // namespace bragg
