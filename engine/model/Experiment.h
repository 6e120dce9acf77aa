#pragma once
// Experiment: the fully resolved, immutable description both engines render (SI units).
// Built from Params by deriveExperiment() (params/Derive.h); engines never re-derive anything,
// so a difference between two engines' images is a difference in evaluation, never in set-up.
#include <memory>
#include <string>
#include <vector>

#include "core/PixelSelection.h"
#include "core/Vec3.h"
#include "io/HklFile.h"
#include "io/Smv.h"
#include "params/Params.h"
#include "random/Ran1.h"

namespace bragg {

inline constexpr double kElectronRadiusSquared = 7.94079248018965e-30;  // r_e², m²
inline constexpr double kAvogadro = 6.02214179e23;

struct DetectorModel {
    int fpixels = 0, spixels = 0;
    double pixelSize = 0;               // m
    double detsizeF = 0, detsizeS = 0;  // m
    Vec3 fdet, sdet, odet;              // final (rotated) unit axes
    Vec3 beamDirection;                 // b (curved detector needs it)
    Vec3 pix0;                          // sample → outer corner of pixel (0,0), m
    double distance = 0;                // final, = closeDistance / ratio (curved detector, oversample)
    double closeDistance = 0;           // final, used by the solid angle
    double fbeam = 0, sbeam = 0, fclose = 0, sclose = 0;  // m, final
    double xbeam = 0, ybeam = 0;                          // m, as resolved (header values)
    double xclose = 0, yclose = 0;  // m, as resolved before the pivot (what nanoBragg prints)
    double orgx = 0, orgy = 0;      // pixels
    Vec3 dialsOriginMm{0, 0, 0};
    Convention convention = Convention::Mosflm;
    Pivot pivot = Pivot::Beam;
    double twothetaRad = 0;
    bool curved = false, pointPixel = false;
    int oversample = 1;  // sub-pixels per axis
    bool oversampleWasAuto = false;
    bool flagThick = false, flagPolar = false, flagOmega = false;
    double thickness = 0;  // m
    double thickStep = 0;  // m between layers
    int thickLayers = 1;
    double mu = 0;  // attenuation, 1/m
};

struct Source {
    Vec3 incident;  // unit vector of propagation (source → sample)
    double lambda;  // m
    double weight;  // read from -sourcefile, never used (the reference ignores it)
};

struct BeamModel {
    std::vector<Source> sources;
    Vec3 beamDir, polarAxis, spindleAxis;
    double lambda0 = 1e-10;  // m
    double fluence = 0;      // photons/m²
    double kahn = 0;
    bool noPolar = false;
    double dmin = 0;  // m (0 = off)
};

struct CrystalModel {
    Vec3 a0, b0, c0;           // real-space cell vectors at φ = 0, no mosaic (m)
    Vec3 aStar, bStar, cStar;  // reciprocal vectors regenerated from a0, b0, c0 (Å⁻¹; misset applied)
    int Na = 1, Nb = 1, Nc = 1;
    CrystalShape shape = CrystalShape::Square;
    double fudge = 1;
    std::shared_ptr<const io::HklTable> hkl;  // null: F = defaultF everywhere
    double defaultF = 0;
    bool interpolate = false;    // tricubic interpolation requested (auto rule resolved)
    std::vector<double> phiRad;  // φ_m
    double phiStepRad = 0, oscRad = 0, phi0Rad = 0;
    double mosaicSpread = 0;   // rad
    std::vector<Mat3> mosaic;  // U_q (q = 0 is the identity)
    Vec3 missetDeg{0, 0, 0};   // angles applied (printed for -misset random)
    // Rotated real-space vectors for every (φ step m, domain q), index m * domains() + q.
    // `later` is what the reference's φ loop uses once any φ loop has run; `first` is what the
    // very first φ loop of the run sees (docs/physics.md §7.1 carry-over). They differ only where
    // φ_m == 0 exactly.
    std::vector<Vec3> aLater, bLater, cLater, aFirst, bFirst, cFirst;
    int phiSteps() const { return int(phiRad.size()); }
    int domains() const { return int(mosaic.size()); }
};

struct Experiment {
    Params params;  // what it was derived from
    DetectorModel detector;
    BeamModel beam;
    CrystalModel crystal;
    PixelSelection selection;
    double waterBackground = 0;  // start value of the running sum I (I_bg, docs/physics.md §13)
    long long steps = 1;         // sources · domains · φ steps · oversample²
    long long noiseSeed = 0;     // internal idum for the noise stream
    Ran1Table rngTable;          // shared ran1 table state after crystal set-up
    std::vector<std::string> warnings;
    bool interpolationSelected = false;  // nanoBragg's interpolation flag (crystal.interpolate: and used)
    std::string interpolationSource;     // "auto-on", "user-off", …, "… (no HKL table: unused)"
};

// The values an SMV header of this experiment carries (docs/formats.md §6.1).
io::SmvHeaderFields smvHeaderFields(const Experiment& e);

}  // namespace bragg
