#include "params/Derive.h"

#include <cmath>

#include "core/Angles.h"
#include "core/CheckedCount.h"
#include "core/Error.h"
#include "core/MemoryGuard.h"
#include "io/CText.h"
#include "io/ColumnFile.h"
#include "io/MatrixFile.h"
#include "model/DetectorSetup.h"
#include "model/Lattice.h"
#include "model/Rotation.h"
#include "model/Sources.h"
#include "random/Mosaic.h"

namespace bragg {
namespace {

constexpr double kDegree = M_PI / 180.0;
constexpr int kMaxCells = 100000, kMaxSteps = 100000;  // as for the -N and -phisteps flags
constexpr int kMaxAutoOversample = 10000;              // 10^8 sub-pixels per pixel

void requireInputs(const Params& p) {
    if (p.hklFile.empty() && p.defaultF == 0)
        throw usageError(
            "no structure factors: give -hkl FILE or a non-zero -default_F "
            "(bragg never reads a stale Fdump.bin implicitly; pass -hkl Fdump.bin to use one)");
    if (p.matFile.empty() && (!p.cell || (*p.cell)[0] <= 0))
        throw usageError("no unit cell: give -cell a b c alpha beta gamma or -mat FILE");
}

// docs/flags.md §3.5 and docs/physics.md §4.5.
void resolveCrystalSize(const Params& p, const Experiment& e, CrystalModel& x,
                        std::vector<std::string>& warnings) {
    double size[3] = {p.xtalSizeMm[0] / 1000, p.xtalSizeMm[1] / 1000, p.xtalSizeMm[2] / 1000};
    const double beamsize = p.beamsizeMm / 1000;
    if (beamsize >= 0) {
        for (int axis = 1; axis < 3; ++axis) {
            if (size[axis] > beamsize) {
                warnings.push_back("crystal size along " + std::string(axis == 1 ? "y" : "z") +
                                   " clipped to the beam size");
                size[axis] = beamsize;
            }
        }
    }
    int N[3] = {p.Na, p.Nb, p.Nc};
    const double edge[3] = {x.a0.norm(), x.b0.norm(), x.c0.norm()};
    for (int axis = 0; axis < 3; ++axis) {
        if (size[axis] > 0)
            N[axis] = checkedCount(std::ceil(size[axis] / edge[axis]), kMaxCells,
                                   std::string("crystal size / cell edge along ") + "xyz"[axis]);
        if (N[axis] <= 1) N[axis] = 1;
    }
    x.Na = N[0], x.Nb = N[1], x.Nc = N[2];
    (void)e;
}

void setupCrystal(const Params& p, Experiment& e, long long timeSeed) {
    CrystalModel& x = e.crystal;
    const std::optional<CellParameters> cell =
        p.cell && (*p.cell)[0] > 0 ? std::optional(resolveCell(*p.cell)) : std::nullopt;
    ReciprocalCell recip;
    if (cell) recip = reciprocalFromCell(*cell);
    if (!p.matFile.empty()) recip = reciprocalFromMatrix(io::readMosflmMatrix(p.matFile), p.lambdaA);

    // Random streams share one ran1 table: misset first, then mosaic (docs/physics.md §12.1).
    // A random misset is used in radians as drawn (a round trip through degrees moves the last bit).
    Vec3 missetRad(0, 0, 0);
    if (p.missetMode == MissetMode::Angles) {
        x.missetDeg = Vec3(p.missetDeg[0], p.missetDeg[1], p.missetDeg[2]);
        for (int axis = 0; axis < 3; ++axis) missetRad[axis] = radiansFromDegreeFlag(x.missetDeg[axis]);
    } else if (p.missetMode == MissetMode::Random) {
        long long idum = p.missetSeed ? -*p.missetSeed : timeSeed;
        const std::array<double, 3> angles = randomMissetAnglesRad(idum, e.rngTable);
        missetRad = Vec3(angles[0], angles[1], angles[2]);
        x.missetDeg = missetRad * kDegreesPerRadian;
    }
    if (p.missetMode != MissetMode::None) {
        const double rx = missetRad[0], ry = missetRad[1], rz = missetRad[2];
        recip.aStar = rotateXYZ(recip.aStar, rx, ry, rz);
        recip.bStar = rotateXYZ(recip.bStar, rx, ry, rz);
        recip.cStar = rotateXYZ(recip.cStar, rx, ry, rz);
    }
    const RealCell real = realFromReciprocal(recip, cell ? &*cell : nullptr);
    x.a0 = real.a, x.b0 = real.b, x.c0 = real.c;
    // Out-of-range -cell/-mat/-lambda values (or a zero-volume cell) leave infinities or NaN here.
    if (!(x.a0.allFinite() && x.b0.allFinite() && x.c0.allFinite()) ||
        !(std::fabs(x.a0.cross(x.b0).dot(x.c0)) > 0))
        throw usageError(
            "the unit cell is degenerate: zero volume or out-of-range -cell/-mat/-lambda values");
    x.aStar = real.aStar, x.bStar = real.bStar, x.cStar = real.cStar;
    resolveCrystalSize(p, e, x, e.warnings);
    x.shape = p.shape;
    x.fudge = p.fudge;
    x.defaultF = p.defaultF;

    const PhiSteps phi = resolvePhiSteps(p);
    x.phi0Rad = phi.phi0, x.oscRad = phi.osc, x.phiStepRad = phi.step;
    x.phiRad.clear();
    for (int m = 0; m < phi.count; ++m) x.phiRad.push_back(phi.phi0 + m * phi.step);

    const MosaicSettings mosaic = resolveMosaic(p);
    long long mosaicIdum = -p.mosaicSeed;
    x.mosaicSpread = mosaic.spreadRad;
    x.mosaic = mosaicDomains(mosaic.domains, mosaic.spreadRad, mosaicIdum, e.rngTable);
    buildOrientationTable(x, e.beam.spindleAxis, p.fixes.phiZeroRotation);
}

void setupStructureFactors(const Params& p, Experiment& e) {
    CrystalModel& x = e.crystal;
    if (!p.hklFile.empty()) x.hkl = std::make_shared<const io::HklTable>(io::readHkl(p.hklFile, p.defaultF));
    const bool userSmallN = p.Na <= 2 || p.Nb <= 2 || p.Nc <= 2;
    const bool automatic = p.interpolation == Interpolation::Auto;
    e.interpolationSelected = automatic ? userSmallN : p.interpolation == Interpolation::On;
    e.interpolationSource =
        std::string(automatic ? "auto-" : "user-") + (e.interpolationSelected ? "on" : "off");
    // Without an HKL table every F is default_F: nothing to interpolate.
    x.interpolate = e.interpolationSelected && x.hkl;
    if (!x.hkl) e.interpolationSource += " (no HKL table: unused)";
}

void setupSampling(const Params& p, Experiment& e) {
    DetectorModel& d = e.detector;
    const CrystalModel& x = e.crystal;
    if (p.oversample > 0) {
        d.oversample = p.oversample;
    } else {
        const double lmax = std::max({x.Na * x.a0.norm(), x.Nb * x.b0.norm(), x.Nc * x.c0.norm()});
        d.oversample = std::max(
            1, checkedCount(std::ceil(3 * lmax * d.pixelSize / (e.beam.lambda0 * d.distance)),
                            kMaxAutoOversample, "automatic -oversample (crystal size, pixel, λ, distance)"));
        d.oversampleWasAuto = true;
    }
    const double steps =
        double(e.beam.sources.size()) * x.domains() * x.phiSteps() * d.oversample * d.oversample;
    if (steps > 1e18)
        throw usageError("sources × mosaic domains × phi steps × oversample² gives " + io::formatG(steps) +
                         " sampling steps per pixel, more than 10^18");
    e.steps = static_cast<long long>(e.beam.sources.size()) * x.domains() * x.phiSteps() * d.oversample *
              d.oversample;
    const double water = p.waterUm * 1e-6;
    const double Fw = 2.57;
    const double waterPerElectron = Fw * Fw * water * water * water * 1e6 * kAvogadro / 18;
    // The start value of the running sum I (docs/physics.md §13): nanoBragg's I_bg, which then gets
    // r_e²·fluence a second time; corrected, a value that comes out as I_bg after r_e²·fluence/steps.
    e.waterBackground = p.fixes.waterScaleOnce ? waterPerElectron * double(e.steps)
                                               : waterPerElectron * kElectronRadiusSquared * e.beam.fluence;
}

// The source list and the orientation tables grow with products of step counts: refuse a job whose
// tables alone exceed the memory budget before anything is allocated. Returns their size (bytes,
// an upper bound: the elliptical divergence trim comes later) for the detector's check.
std::size_t checkTableMemory(const Params& p) {
    double sources = 0;  // a -sourcefile list is bounded by the file's size
    if (p.sourceFile.empty())
        sources = double(resolveDivergence(p.hdivRangeMrad, p.hdivStepMrad, p.hdivSteps).count) *
                  resolveDivergence(p.vdivRangeMrad, p.vdivStepMrad, p.vdivSteps).count *
                  resolveDispersion(p.dispersionPct, p.dispSteps).count;
    const double phi = resolvePhiSteps(p).count, domains = resolveMosaic(p).domains;
    const double bytes = sources * sizeof(Source) + domains * sizeof(Mat3) +
                         phi * (sizeof(double) + domains * 6 * sizeof(Vec3));
    const double budget = double(memoryBudgetBytes());
    if (bytes > budget)
        throw Error(ErrorKind::Resource,
                    io::formatG(sources) + " sources, " + io::formatG(domains) + " mosaic domains and " +
                        io::formatG(phi) + " phi steps need about " +
                        std::to_string((long long)(bytes / 1048576)) + " MB of tables, only " +
                        std::to_string((long long)(budget / 1048576)) +
                        " MB available (set BRAGG_MEMORY_LIMIT_MB to change the cap)");
    return std::size_t(bytes);
}

PixelSelection makeSelection(const Params& p, const DetectorModel& d) {
    PixelSelection s = PixelSelection::whole(d.fpixels, d.spixels);
    const auto& r = p.roi;
    s.xmin = r[0] < 0 ? 0 : r[0];
    s.xmax = r[1] < 0 ? d.fpixels - 1 : std::min(r[1], d.fpixels - 1);
    s.ymin = r[2] < 0 ? 0 : r[2];
    s.ymax = r[3] < 0 ? d.spixels - 1 : std::min(r[3], d.spixels - 1);
    if (!p.maskFile.empty()) {
        io::SmvFile mask = io::readSmv(p.maskFile, true);
        if (mask.width != d.fpixels || mask.height != d.spixels)
            throw inputError(p.maskFile + ": mask is " + std::to_string(mask.width) + "x" +
                             std::to_string(mask.height) + " but the detector is " +
                             std::to_string(d.fpixels) + "x" + std::to_string(d.spixels));
        s.mask = std::move(mask.pixels);
    }
    return s;
}

}  // namespace

PhiSteps resolvePhiSteps(const Params& p) {
    double osc = p.oscDeg && *p.oscDeg >= 0 ? *p.oscDeg : -1;
    double step = p.phiStepDeg && *p.phiStepDeg >= 0 ? *p.phiStepDeg : -1;
    int n = p.phiSteps && *p.phiSteps >= 0 ? *p.phiSteps : -1;
    if (n < 0) {
        if (osc < 0) {
            if (step <= 0) {
                n = 1, osc = 0, step = 0;
            } else {
                osc = step, n = 2;
            }
        } else if (step <= 0) {
            n = 2, step = osc / 2;
        } else {
            n = checkedCount(std::ceil(osc / step), kMaxSteps, "-osc / -phistep");
        }
    } else {
        if (n == 0) n = 1;
        if (osc < 0) {
            if (step <= 0) {
                osc = 1.0;
                step = osc / n;
            } else {
                osc = step, n = 2;
            }
        } else if (step < 0) {
            step = osc / n;
        }
    }
    return {radiansFromDegreeFlag(p.phi0Deg), radiansFromDegreeFlag(osc), radiansFromDegreeFlag(step),
            std::max(n, 1)};
}

MosaicSettings resolveMosaic(const Params& p) {
    const bool spreadSet = p.mosaicSpreadDeg && *p.mosaicSpreadDeg >= 0;
    const double spread = spreadSet ? *p.mosaicSpreadDeg * kDegree : 0;
    MosaicSettings m;
    if (!spreadSet || spread == 0) return m;  // 1 domain, no spread
    m.spreadRad = spread;
    m.domains = p.mosaicDomains && *p.mosaicDomains > 0 ? *p.mosaicDomains : 10;
    return m;
}

Experiment deriveExperiment(const Params& p, std::time_t now) {
    requireInputs(p);
    Experiment e;
    e.params = p;
    e.noiseSeed = p.noiseSeed ? -*p.noiseSeed : -static_cast<long long>(now);

    const ConventionVectors v = conventionVectors(p);
    e.detector = makeDetector(p, v);
    checkMemoryFor(e.detector.fpixels, e.detector.spixels, checkTableMemory(p));

    BeamModel& b = e.beam;
    b.beamDir = v.beam;
    b.polarAxis = v.polar;
    b.spindleAxis = v.spindle;
    b.lambda0 = p.lambdaA * 1e-10;
    b.kahn = p.kahnFactor;
    b.noPolar = p.noPolar;
    b.dmin = p.dminA * 1e-10;
    const double beamsize = p.beamsizeMm / 1000;
    b.fluence = (p.flux != 0 && p.exposureS > 0 && beamsize >= 0)
                    ? p.flux * p.exposureS / (beamsize * beamsize)
                    : p.fluence;
    b.sources = makeSources(p, v, b.lambda0);
    if (b.sources.empty()) throw usageError("no incident-beam sources remain after divergence trimming");
    if (!p.stolFile.empty()) (void)io::readStolFile(p.stolFile);  // read and checked, never used

    setupCrystal(p, e, -static_cast<long long>(now));
    setupStructureFactors(p, e);
    setupSampling(p, e);
    e.selection = makeSelection(p, e.detector);
    return e;
}

io::SmvHeaderFields smvHeaderFields(const Experiment& e) {
    const DetectorModel& d = e.detector;
    io::SmvHeaderFields h;
    h.fpixels = d.fpixels;
    h.spixels = d.spixels;
    h.pixelMm = d.pixelSize * 1000;
    h.distanceMm = d.distance * 1000;
    h.wavelengthA = e.beam.lambda0 * 1e10;
    h.beamCenterXMm = d.xbeam * 1000;
    h.beamCenterYMm = d.ybeam * 1000;
    h.fbeamMm = d.fbeam * 1000;
    h.sbeamMm = d.sbeam * 1000;
    h.detsizeSMm = d.detsizeS * 1000;
    for (int i = 0; i < 3; ++i) h.dialsOrigin[i] = d.dialsOriginMm[i];
    h.orgx = d.orgx;
    h.orgy = d.orgy;
    h.closeDistanceMm = d.closeDistance * 1000;
    h.phiDeg = e.crystal.phi0Rad / kDegree;
    h.oscDeg = e.crystal.oscRad / kDegree;
    h.twothetaDeg = d.twothetaRad / kDegree;
    return h;
}

}  // namespace bragg
