#include "render/ReferencePixel.h"

#include <type_traits>
#include <vector>

#include "model/PixelGeometry.h"
#include "physics/Physics.h"
#include "render/OrientationLoop.h"

namespace bragg {
namespace {

// A crystal's per-term vectors in the evaluation's real type: the Experiment's own for double,
// rounded copies for float.
template <class Real>
class RealVectors {
public:
    explicit RealVectors(const std::vector<Vec3>& v) {
        if constexpr (std::is_same_v<Real, double>) {
            data_ = v.data();
        } else {
            store_.reserve(v.size());
            for (const Vec3& x : v) store_.push_back(x.cast<Real>());
            data_ = store_.data();
        }
    }
    const Vec3T<Real>* data() const { return data_; }

private:
    std::vector<Vec3T<Real>> store_;
    const Vec3T<Real>* data_ = nullptr;
};

// docs/physics.md §13 verbatim, plus the corrected-mode departures of PhysicsFixes. With scanOnly,
// stops at the first interpolation switch-off (SequentialFacts). A tracer records every value.
// Real is the type of every per-pixel quantity: double is nanoBragg's arithmetic; float is the
// same loop order rounded as a float32 port would (the set-up stays in double, then is rounded).
template <bool scanOnly, class Real>
PixelResult evaluate(const Experiment& e, int fast, int slow, PixelStart start, PixelTracer* tracer) {
    using V = Vec3T<Real>;
    const DetectorModel& d = e.detector;
    const BeamModel& beam = e.beam;
    const CrystalModel& x = e.crystal;
    const OrientationLoopContext context(e);
    const int n = d.oversample;
    // Corrected mode: each layer's sum weighted by its own capture fraction; with factors per
    // term, the water background is kept apart and gets the pixel's end factors.
    const bool layerCapture = e.params.fixes.allLayerCapture && d.thickness > 0 && !d.flagThick;
    const bool perTerm = !context.foldFactors && (d.flagThick || d.flagPolar || d.flagOmega);
    const bool separateWater = layerCapture || perTerm;
    const RealVectors<Real> aFirst(x.aFirst), bFirst(x.bFirst), cFirst(x.cFirst);
    const RealVectors<Real> aLater(x.aLater), bLater(x.bLater), cLater(x.cLater);
    const Real pixelSize = Real(d.pixelSize), closeDistance = Real(d.closeDistance);
    const Real thickStep = Real(d.thickStep), mu = Real(d.mu), kahn = Real(beam.kahn);
    const V odet = d.odet.cast<Real>(), polarAxis = beam.polarAxis.cast<Real>();

    PixelResult result;
    bool interpolationOn = start.interpolationOn;
    bool phiFresh = start.phiFresh;
    Real I = separateWater ? Real(0) : Real(e.waterBackground);
    Real polar = (beam.noPolar ? Real(1) : Real(0)), omega = 0, cap = 1;
    Real firstOmega = 0, firstPolar = 0, lastLayerCap = 1, capSum = 0;
    if (tracer) tracer->atPixel(), tracer->record(TraceId::IStart, I);

    for (int layer = 0; layer < d.thickLayers; ++layer) {
        cap = d.thickness == 0 ? Real(1) : Real(0);
        const Real layerStart = I;
        for (int subS = 0; subS < n; ++subS) {
            for (int subF = 0; subF < n; ++subF) {
                const V P = subpixelPosition<Real>(d, fast, slow, subS, subF, layer);
                const Real R = P.norm();
                const V diffracted = P / R;
                if (omega == Real(0) || d.flagOmega) {
                    omega = physics::solidAngle<Real>(pixelSize, closeDistance, R, d.pointPixel);
                    if (firstOmega == Real(0)) firstOmega = omega;
                }
                if (cap == Real(0) || d.flagThick)
                    cap = physics::captureFraction<Real>(layer, thickStep, mu, diffracted.dot(odet));
                if (subS == 0 && subF == 0) capSum += cap, lastLayerCap = cap;
                if (tracer) {
                    tracer->atSubpixel(layer, subS, subF);
                    tracer->record(TraceId::P, P), tracer->record(TraceId::R, R),
                        tracer->record(TraceId::D, diffracted);
                    tracer->record(TraceId::Omega,
                                   physics::solidAngle<Real>(pixelSize, closeDistance, R, d.pointPixel));
                    tracer->record(TraceId::Capture, d.thickness == 0
                                                         ? Real(1)
                                                         : physics::captureFraction<Real>(
                                                               layer, thickStep, mu, diffracted.dot(odet)));
                }
                for (std::size_t s = 0; s < beam.sources.size(); ++s) {
                    const Source& source = beam.sources[s];
                    const V incident = source.incident.cast<Real>();
                    const V S = (diffracted - incident) / Real(source.lambda);
                    const bool cut = physics::cutByDmin(beam.dmin, Real(0.5) * S.norm());
                    if (tracer) {
                        tracer->atSource(int(s));
                        tracer->record(TraceId::Incident, incident),
                            tracer->record(TraceId::Lambda, Real(source.lambda));
                        tracer->record(TraceId::S, S), tracer->record(TraceId::Stol, Real(0.5) * S.norm());
                        tracer->record(TraceId::DminCut, cut ? 1.0 : 0.0);
                    }
                    if (cut) continue;
                    if (polar == Real(0) || d.flagPolar) {
                        polar = physics::polarization<Real>(kahn, incident, diffracted, polarAxis);
                        if (firstPolar == Real(0)) firstPolar = polar;
                    }
                    if (tracer)
                        tracer->record(TraceId::Polar, beam.noPolar && !d.flagPolar
                                                           ? Real(1)
                                                           : physics::polarization<Real>(
                                                                 kahn, incident, diffracted, polarAxis));
                    // The run's first φ loop sees the start-up vectors (docs/physics.md §7.1 carry-over).
                    const bool first = phiFresh;
                    phiFresh = false;
                    const bool switched = accumulateOrientations<scanOnly, Real>(
                        context, (first ? aFirst : aLater).data(), (first ? bFirst : bLater).data(),
                        (first ? cFirst : cLater).data(), S, I, interpolationOn, cap, polar, omega, tracer);
                    result.interpolationSwitchedOff |= switched;
                    if (scanOnly && switched) return result;
                }
            }
        }
        if (layerCapture) I = layerStart + (I - layerStart) * cap;
    }
    if constexpr (!scanOnly) {
        const Real scale = Real(kElectronRadiusSquared * beam.fluence);
        Real value = scale * I / Real(e.steps);
        Real endFactor = 1;
        if (!d.flagThick && !layerCapture) value *= cap, endFactor *= cap;
        if (!d.flagPolar) value *= polar, endFactor *= polar;
        if (!d.flagOmega) value *= omega, endFactor *= omega;
        Real water = 0;
        if (separateWater) {
            const Real waterCap = layerCapture ? capSum : lastLayerCap;
            const Real waterPolar = d.flagPolar ? firstPolar : polar;
            const Real waterOmega = d.flagOmega ? firstOmega : omega;
            water = scale * Real(e.waterBackground) / Real(e.steps) * waterCap * waterPolar * waterOmega;
            value += water;
        }
        result.value = value;
        if (tracer) {
            tracer->atPixel();
            tracer->record(TraceId::ISum, I), tracer->record(TraceId::ReSquaredFluence, scale);
            tracer->record(TraceId::Steps, double(e.steps));
            tracer->record(TraceId::EndCapture, cap), tracer->record(TraceId::EndPolar, polar),
                tracer->record(TraceId::EndOmega, omega);
            tracer->record(TraceId::EndFactor, endFactor);
            if (separateWater) tracer->record(TraceId::Water, water);
            tracer->record(TraceId::Value, value);
        }
    }
    return result;
}

}  // namespace

bool cutByDminAt(const Experiment& e, const Vec3& diffracted, const Source& source) {
    return physics::cutByDmin(e.beam.dmin, 0.5 * ((diffracted - source.incident) / source.lambda).norm());
}

PixelResult referencePixel(const Experiment& e, int fast, int slow, PixelStart start, PixelTracer* tracer,
                           Precision precision) {
    if (precision == Precision::Float32) return evaluate<false, float>(e, fast, slow, start, tracer);
    return evaluate<false, double>(e, fast, slow, start, tracer);
}

bool pixelSwitchesInterpolationOff(const Experiment& e, int fast, int slow, bool phiFresh,
                                   Precision precision) {
    const PixelStart start{phiFresh, true};
    if (precision == Precision::Float32)
        return evaluate<true, float>(e, fast, slow, start, nullptr).interpolationSwitchedOff;
    return evaluate<true, double>(e, fast, slow, start, nullptr).interpolationSwitchedOff;
}

bool pixelRunsPhiLoop(const Experiment& e, int fast, int slow) {
    const DetectorModel& d = e.detector;
    if (e.beam.dmin <= 0) return true;
    for (int layer = 0; layer < d.thickLayers; ++layer)
        for (int subS = 0; subS < d.oversample; ++subS)
            for (int subF = 0; subF < d.oversample; ++subF) {
                const Vec3 P = subpixelPosition(d, fast, slow, subS, subF, layer);
                const Vec3 diffracted = P / P.norm();
                for (const Source& source : e.beam.sources)
                    if (!cutByDminAt(e, diffracted, source)) return true;
            }
    return false;
}

}  // namespace bragg
