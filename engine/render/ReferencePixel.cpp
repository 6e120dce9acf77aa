#include "render/ReferencePixel.h"

#include "model/PixelGeometry.h"
#include "physics/Physics.h"
#include "render/OrientationLoop.h"

namespace bragg {
namespace {

// d_min cut of §8: the whole source is skipped for this sub-pixel.
bool cutByDmin(double dmin, double stol) { return dmin > 0 && stol > 0 && dmin > 0.5 / stol; }

// §13 verbatim, plus the corrected-mode departures of PhysicsFixes. With scanOnly, stops at the
// first interpolation switch-off (SequentialFacts). A tracer, if given, records every value.
template <bool scanOnly>
PixelResult evaluate(const Experiment& e, int fast, int slow, PixelStart start, PixelTracer* tracer) {
    const DetectorModel& d = e.detector;
    const BeamModel& beam = e.beam;
    const CrystalModel& x = e.crystal;
    const OrientationLoopContext context(e);
    const int n = d.oversample;
    // Corrected mode: each layer's sum weighted by its own capture fraction; with factors per
    // term, the water background is kept apart and gets the pixel's end factors.
    const bool layerCapture = e.fixes.allLayerCapture && d.thickness > 0 && !d.flagThick;
    const bool perTerm = !context.foldFactors && (d.flagThick || d.flagPolar || d.flagOmega);
    const bool separateWater = layerCapture || perTerm;

    PixelResult result;
    bool interpolationOn = start.interpolationOn;
    bool phiFresh = start.phiFresh;
    double I = separateWater ? 0.0 : e.waterBackground;
    double polar = (beam.noPolar ? 1.0 : 0.0), omega = 0.0, cap = 1.0;
    double firstOmega = 0, firstPolar = 0, lastLayerCap = 1, capSum = 0;
    if (tracer) tracer->atPixel(), tracer->record("I_start", I);

    for (int layer = 0; layer < d.thickLayers; ++layer) {
        cap = d.thickness == 0 ? 1.0 : 0.0;
        const double layerStart = I;
        for (int subS = 0; subS < n; ++subS) {
            for (int subF = 0; subF < n; ++subF) {
                const Vec3 P = subpixelPosition(d, fast, slow, subS, subF, layer);
                const double R = P.norm();
                const Vec3 diffracted = P / R;
                if (omega == 0.0 || d.flagOmega) {
                    omega = physics::solidAngle(d.pixelSize, d.closeDistance, R, d.pointPixel);
                    if (firstOmega == 0.0) firstOmega = omega;
                }
                if (cap == 0.0 || d.flagThick)
                    cap = physics::captureFraction(layer, d.thickStep, d.mu, diffracted.dot(d.odet));
                if (subS == 0 && subF == 0) capSum += cap, lastLayerCap = cap;
                if (tracer) {
                    tracer->atSubpixel(layer, subS, subF);
                    tracer->record("P", P), tracer->record("R", R), tracer->record("d", diffracted);
                    tracer->record("omega", physics::solidAngle(d.pixelSize, d.closeDistance, R, d.pointPixel));
                    tracer->record("capture", d.thickness == 0 ? 1.0
                                                               : physics::captureFraction(layer, d.thickStep, d.mu,
                                                                                          diffracted.dot(d.odet)));
                }
                for (std::size_t s = 0; s < beam.sources.size(); ++s) {
                    const Source& source = beam.sources[s];
                    const Vec3 S = (diffracted - source.incident) / source.lambda;
                    const bool cut = cutByDmin(beam.dmin, 0.5 * S.norm());
                    if (tracer) {
                        tracer->atSource(int(s));
                        tracer->record("incident", source.incident), tracer->record("lambda", source.lambda);
                        tracer->record("S", S), tracer->record("stol", 0.5 * S.norm());
                        tracer->record("dmin_cut", cut ? 1.0 : 0.0);
                    }
                    if (cut) continue;
                    if (polar == 0.0 || d.flagPolar) {
                        polar = physics::polarization(beam.kahn, source.incident, diffracted, beam.polarAxis);
                        if (firstPolar == 0.0) firstPolar = polar;
                    }
                    if (tracer)
                        tracer->record("polar", beam.noPolar && !d.flagPolar
                                                    ? 1.0
                                                    : physics::polarization(beam.kahn, source.incident, diffracted,
                                                                            beam.polarAxis));
                    // The run's first φ loop sees the start-up vectors (§7.1 carry-over).
                    const bool first = phiFresh;
                    phiFresh = false;
                    const bool switched = accumulateOrientations<scanOnly>(
                        context, (first ? x.aFirst : x.aLater).data(), (first ? x.bFirst : x.bLater).data(),
                        (first ? x.cFirst : x.cLater).data(), S, I, interpolationOn, cap, polar, omega, tracer);
                    result.interpolationSwitchedOff |= switched;
                    if (scanOnly && switched) return result;
                }
            }
        }
        if (layerCapture) I = layerStart + (I - layerStart) * cap;
    }
    if constexpr (!scanOnly) {
        const double scale = kElectronRadiusSquared * beam.fluence;
        double value = scale * I / double(e.steps);
        double endFactor = 1;
        if (!d.flagThick && !layerCapture) value *= cap, endFactor *= cap;
        if (!d.flagPolar) value *= polar, endFactor *= polar;
        if (!d.flagOmega) value *= omega, endFactor *= omega;
        double water = 0;
        if (separateWater) {
            const double waterCap = layerCapture ? capSum : lastLayerCap;
            const double waterPolar = d.flagPolar ? firstPolar : polar;
            const double waterOmega = d.flagOmega ? firstOmega : omega;
            water = scale * e.waterBackground / double(e.steps) * waterCap * waterPolar * waterOmega;
            value += water;
        }
        result.value = value;
        if (tracer) {
            tracer->atPixel();
            tracer->record("I_sum", I), tracer->record("r_e2_fluence", scale);
            tracer->record("steps", double(e.steps));
            tracer->record("end_capture", cap), tracer->record("end_polar", polar), tracer->record("end_omega", omega);
            tracer->record("end_factor", endFactor);
            if (separateWater) tracer->record("water", water);
            tracer->record("value", value);
        }
    }
    return result;
}

}  // namespace

bool cutByDminAt(const Experiment& e, const Vec3& diffracted, const Source& source) {
    return cutByDmin(e.beam.dmin, 0.5 * ((diffracted - source.incident) / source.lambda).norm());
}

PixelResult referencePixel(const Experiment& e, int fast, int slow, PixelStart start, PixelTracer* tracer) {
    return evaluate<false>(e, fast, slow, start, tracer);
}

bool pixelSwitchesInterpolationOff(const Experiment& e, int fast, int slow, bool phiFresh) {
    return evaluate<true>(e, fast, slow, PixelStart{phiFresh, true}, nullptr).interpolationSwitchedOff;
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
