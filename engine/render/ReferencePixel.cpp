#include "render/ReferencePixel.h"

#include "model/PixelGeometry.h"
#include "physics/Physics.h"

namespace bragg {
namespace {

// Pass::Render accumulates; Pass::Scan only looks for the interpolation switch-off.
enum class Pass { Render, Scan };

// d_min cut of §8: the whole source is skipped for this sub-pixel.
bool cutByDmin(double dmin, double stol) { return dmin > 0 && stol > 0 && dmin > 0.5 / stol; }

template <Pass pass>
PixelResult evaluate(const Experiment& e, int fast, int slow, PixelStart start) {
    const DetectorModel& d = e.detector;
    const BeamModel& beam = e.beam;
    const CrystalModel& x = e.crystal;
    const physics::LatticeInputs lattice{x.shape, x.Na, x.Nb, x.Nc, x.fudge, x.aStar, x.bStar, x.cStar};
    const io::HklTable* table = x.hkl.get();
    const int nDomains = x.domains(), nPhi = x.phiSteps(), n = d.oversample;
    const bool stickySwitch = !e.fixes.stickyInterpolation;
    const bool water = e.params.waterUm != 0;

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
                    const double stol = 0.5 * S.norm();
                    if (cutByDmin(beam.dmin, stol)) continue;
                    if (polar == 0.0 || d.flagPolar)
                        polar = physics::polarization(beam.kahn, source.incident, diffracted, beam.polarAxis);
                    const std::vector<Vec3>& A = phiFresh ? x.aFirst : x.aLater;
                    const std::vector<Vec3>& B = phiFresh ? x.bFirst : x.bLater;
                    const std::vector<Vec3>& C = phiFresh ? x.cFirst : x.cLater;
                    phiFresh = false;
                    for (int m = 0; m < nPhi; ++m) {
                        for (int q = 0; q < nDomains; ++q) {
                            const std::size_t i = std::size_t(m) * nDomains + q;
                            const double h = A[i].dot(S), k = B[i].dot(S), l = C[i].dot(S);
                            const int h0 = physics::nearestIndex(h), k0 = physics::nearestIndex(k),
                                      l0 = physics::nearestIndex(l);
                            const double Flatt = physics::latticeFactor(lattice, h, k, l, h0, k0, l0);
                            if (Flatt == 0.0 && !water) continue;
                            double Fcell;
                            if (table && interpolationOn && physics::interpolationInRange(*table, h, k, l)) {
                                Fcell = physics::structureFactorTricubic(*table, h, k, l);
                            } else {
                                if (table && interpolationOn) {
                                    if constexpr (pass == Pass::Scan) {
                                        result.interpolationSwitchedOff = true;
                                        return result;
                                    }
                                    result.interpolationSwitchedOff = true;
                                    if (stickySwitch) interpolationOn = false;
                                }
                                Fcell = physics::structureFactorNearest(table, x.defaultF, h0, k0, l0);
                            }
                            if constexpr (pass == Pass::Render) {
                                I += Fcell * Fcell * Flatt * Flatt;
                                if (d.flagThick) I *= cap;
                                if (d.flagPolar) I *= polar;
                                if (d.flagOmega) I *= omega;
                            }
                        }
                    }
                }
            }
        }
    }
    if constexpr (pass == Pass::Render) {
        double value = kElectronRadiusSquared * beam.fluence * I / double(e.steps);
        if (!d.flagThick) value *= cap;
        if (!d.flagPolar) value *= polar;
        if (!d.flagOmega) value *= omega;
        result.value = value;
    }
    return result;
}

}  // namespace

PixelResult referencePixel(const Experiment& e, int fast, int slow, PixelStart start) {
    return evaluate<Pass::Render>(e, fast, slow, start);
}

bool pixelSwitchesInterpolationOff(const Experiment& e, int fast, int slow, bool phiFresh) {
    return evaluate<Pass::Scan>(e, fast, slow, PixelStart{phiFresh, true}).interpolationSwitchedOff;
}

bool pixelRunsPhiLoop(const Experiment& e, int fast, int slow) {
    const DetectorModel& d = e.detector;
    if (e.beam.dmin <= 0) return true;
    for (int layer = 0; layer < d.thickLayers; ++layer)
        for (int subS = 0; subS < d.oversample; ++subS)
            for (int subF = 0; subF < d.oversample; ++subF) {
                const Vec3 P = subpixelPosition(d, fast, slow, subS, subF, layer);
                const Vec3 diffracted = P / P.norm();
                for (const Source& source : e.beam.sources) {
                    const double stol = 0.5 * ((diffracted - source.incident) / source.lambda).norm();
                    if (!cutByDmin(e.beam.dmin, stol)) return true;
                }
            }
    return false;
}

}  // namespace bragg
