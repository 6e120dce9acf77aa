#include "render/ReferencePixel.h"

#include "model/PixelGeometry.h"
#include "physics/Physics.h"
#include "render/OrientationLoop.h"

namespace bragg {
namespace {

// d_min cut of §8: the whole source is skipped for this sub-pixel.
bool cutByDmin(double dmin, double stol) { return dmin > 0 && stol > 0 && dmin > 0.5 / stol; }

// §13 verbatim. With scanOnly, stops at the first interpolation switch-off (SequentialFacts).
template <bool scanOnly>
PixelResult evaluate(const Experiment& e, int fast, int slow, PixelStart start) {
    const DetectorModel& d = e.detector;
    const BeamModel& beam = e.beam;
    const CrystalModel& x = e.crystal;
    const OrientationLoopContext context(e);
    const int n = d.oversample;

    PixelResult result;
    bool interpolationOn = start.interpolationOn;
    bool phiFresh = start.phiFresh;
    double I = e.waterBackground;
    double polar = (beam.noPolar ? 1.0 : 0.0), omega = 0.0, cap = 1.0;

    for (int layer = 0; layer < d.thickLayers; ++layer) {
        cap = d.thickness == 0 ? 1.0 : 0.0;
        for (int subS = 0; subS < n; ++subS) {
            for (int subF = 0; subF < n; ++subF) {
                const Vec3 P = subpixelPosition(d, fast, slow, subS, subF, layer);
                const double R = P.norm();
                const Vec3 diffracted = P / R;
                if (omega == 0.0 || d.flagOmega) omega = physics::solidAngle(d.pixelSize, d.closeDistance, R, d.pointPixel);
                if (cap == 0.0 || d.flagThick)
                    cap = physics::captureFraction(layer, d.thickStep, d.mu, diffracted.dot(d.odet));
                for (const Source& source : beam.sources) {
                    const Vec3 S = (diffracted - source.incident) / source.lambda;
                    if (cutByDmin(beam.dmin, 0.5 * S.norm())) continue;
                    if (polar == 0.0 || d.flagPolar)
                        polar = physics::polarization(beam.kahn, source.incident, diffracted, beam.polarAxis);
                    // The run's first φ loop sees the start-up vectors (§7.1 carry-over).
                    const bool first = phiFresh;
                    phiFresh = false;
                    const bool switched = accumulateOrientations<scanOnly>(
                        context, (first ? x.aFirst : x.aLater).data(), (first ? x.bFirst : x.bLater).data(),
                        (first ? x.cFirst : x.cLater).data(), S, I, interpolationOn, cap, polar, omega);
                    result.interpolationSwitchedOff |= switched;
                    if (scanOnly && switched) return result;
                }
            }
        }
    }
    if constexpr (!scanOnly) {
        double value = kElectronRadiusSquared * beam.fluence * I / double(e.steps);
        if (!d.flagThick) value *= cap;
        if (!d.flagPolar) value *= polar;
        if (!d.flagOmega) value *= omega;
        result.value = value;
    }
    return result;
}

}  // namespace

bool cutByDminAt(const Experiment& e, const Vec3& diffracted, const Source& source) {
    return cutByDmin(e.beam.dmin, 0.5 * ((diffracted - source.incident) / source.lambda).norm());
}

PixelResult referencePixel(const Experiment& e, int fast, int slow, PixelStart start) {
    return evaluate<false>(e, fast, slow, start);
}

bool pixelSwitchesInterpolationOff(const Experiment& e, int fast, int slow, bool phiFresh) {
    return evaluate<true>(e, fast, slow, PixelStart{phiFresh, true}).interpolationSwitchedOff;
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
