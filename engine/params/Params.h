#pragma once
// Params: every setting of nanoBragg's command line (docs/flags.md §2), in the user's units, with
// the program's defaults. One plain value type shared by the CLI, the GUI and the engines.
// "Unset" is std::nullopt where the derivation rules (docs/flags.md §3) distinguish it from a value.
// Params -> Experiment (fully resolved, SI units) is done by deriveExperiment() in Derive.h.
#include <array>
#include <optional>
#include <string>

namespace bragg {

enum class Convention { Mosflm, Denzo, Adxv, Xds, Dials, Custom };
enum class Pivot { Beam, Sample };
enum class CrystalShape { Square, Round, Gauss, Tophat };
enum class Interpolation { Auto, On, Off };
enum class MissetMode { None, Angles, Random };
enum class StolKind { Stol, FourStol, Q };

using Triple = std::array<double, 3>;

// Deliberate departures from the original program (the quirks of docs/physics.md). All false = exact
// nanoBragg behaviour; each true switches one quirk to the physically intended result.
struct PhysicsFixes {
    bool phiZeroRotation = false;          // φ = 0 uses the unrotated crystal (no carry-over)
    bool allLayerCapture = false;          // each layer weighted by its own capture fraction
    bool oversampleFactorPerTerm = false;  // oversample_* flags multiply each term, not the sum
    bool stickyInterpolation = false;      // out-of-range interpolation falls back per evaluation
    bool waterScaleOnce = false;           // r_e²·fluence applied once to the water background
    bool stableShapeLimit = false;         // round crystals: sinc3 by its series near 0 (no cancellation)
    bool any() const {
        return phiZeroRotation || allLayerCapture || oversampleFactorPerTerm || stickyInterpolation ||
               waterScaleOnce || stableShapeLimit;
    }
    bool operator==(const PhysicsFixes&) const = default;
};

struct Params {
    // ---- Crystal -----------------------------------------------------------------------------
    std::string hklFile;                        // -hkl (empty = none)
    std::string matFile;                        // -mat
    std::optional<std::array<double, 6>> cell;  // -cell a b c α β γ (Å, deg); ≤0 entries defaulted
    MissetMode missetMode = MissetMode::None;
    Triple missetDeg{0, 0, 0};       // -misset rx ry rz
    std::optional<long> missetSeed;  // -misset_seed (unset: time-based, = noise default)
    double defaultF = 0;             // -default_F
    int Na = 1, Nb = 1, Nc = 1;      // -N / -Na -Nb -Nc (user values, before clamping)
    Triple xtalSizeMm{0, 0, 0};      // -xtalsize / -xtal_thick|width|height (x, y, z)
    CrystalShape shape = CrystalShape::Square;
    double fudge = 1;
    std::optional<double> mosaicSpreadDeg;  // -mosaic
    std::optional<int> mosaicDomains;       // -mosaic_domains
    long mosaicSeed = 12345678;             // -mosaic_seed
    double phi0Deg = 0;                     // -phi
    std::optional<double> oscDeg;           // -osc
    std::optional<double> phiStepDeg;       // -phistep
    std::optional<int> phiSteps;            // -phisteps
    Interpolation interpolation = Interpolation::Auto;

    // ---- Beam --------------------------------------------------------------------------------
    double lambdaA = 1.0;                                // -lambda / -energy (stored as λ in Å)
    double dispersionPct = 0;                            // -dispersion (full bandwidth, %)
    std::optional<int> dispSteps;                        // -dispsteps
    std::optional<double> hdivRangeMrad, vdivRangeMrad;  // -hdivrange -vdivrange -divergence
    std::optional<double> hdivStepMrad, vdivStepMrad;    // -hdivstep -vdivstep
    std::optional<int> hdivSteps, vdivSteps;             // -hdivsteps -vdivsteps -divsteps
    bool roundDivergence = true;                         // -round_div / -square_div
    std::string sourceFile;                              // -sourcefile
    double fluence = 125932015286227086360700780544.0;   // photons/m²
    double flux = 0;                                     // photons/s
    double exposureS = 1;
    double beamsizeMm = 0.1;
    double kahnFactor = 0;  // -polar
    bool noPolar = false;   // -nopolar
    std::optional<Triple> beamVector, polarVector, spindleAxis;
    double waterUm = 0;    // -water
    std::string stolFile;  // -stol / -4stol / -Q (read, never used)
    StolKind stolKind = StolKind::Stol;
    double dminA = 0;  // -dmin

    // ---- Detector ----------------------------------------------------------------------------
    double pixelMm = 0.1;
    double detsizeFMm = 102.4, detsizeSMm = 102.4;
    std::optional<int> fpixels, spixels;  // -detpixels* or an SMV header
    double distanceMm = 100;
    std::optional<double> closeDistanceMm;
    std::optional<double> xbeamMm, ybeamMm, xcloseMm, ycloseMm;
    std::optional<double> orgx, orgy;  // pixels
    Pivot pivot = Pivot::Beam;         // only effective in CUSTOM
    Convention convention = Convention::Mosflm;
    std::optional<Triple> fdetVector, sdetVector, odetVector, twothetaAxis;
    Triple detectorRotDeg{0, 0, 0};  // -detector_rotx/y/z
    double twothetaDeg = 0;
    bool curvedDetector = false;
    bool pointPixel = false;
    std::optional<double> detectorAbsUm;  // attenuation depth; 0 = no absorption (μ = 0)
    double detectorThickUm = 0;
    std::optional<int> thickSteps;
    int oversample = 0;  // ≤ 0: automatic
    bool oversampleThick = false, oversamplePolar = false, oversampleOmega = false;
    std::array<int, 4> roi{-1, -1, -1, -1};  // xmin xmax ymin ymax (inclusive; negative = default)
    std::string imgFile, maskFile;           // SMV headers (mask pixels too)

    // ---- Output ------------------------------------------------------------------------------
    std::string floatFile = "floatimage.bin";
    std::string intFile = "intimage.img";
    std::string pgmFile = "image.pgm";
    std::string noiseFile = "noiseimage.img";
    bool writePgm = true, writeNoise = true;
    // Formats of the field's software (BraggStudio; empty = not written): float32 TIFF, miniCBF
    // counts on the -intfile scale and with noise, NeXus NXmx.
    std::string tiffFile, cbfFile, cbfNoiseFile, nexusFile;
    std::string nexusCompression = "deflate";  // one of io::nexusCompressionChoices()
    double intScale = 0;                       // -scale (≤ 0: auto)
    double pgmScale = 0;                       // -pgmscale (≤ 0: auto)
    double adc = 40;
    std::optional<long> noiseSeed;  // -seed (unset: -time())

    // ---- BraggStudio extensions (not nanoBragg flags) ----------------------------------------
    PhysicsFixes fixes;

    bool operator==(const Params&) const = default;
};

const char* toString(Convention c);
const char* toString(Pivot p);
const char* toString(CrystalShape s);

}  // namespace bragg
