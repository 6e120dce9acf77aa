#include "params/FlagTable.h"

#include <charconv>
#include <climits>
#include <cmath>
#include <string_view>

#include "core/Error.h"
#include "io/CText.h"
#include "io/Nexus.h"

namespace bragg {

bool FlagPattern::matches(const std::string& arg) const {
    return match == Match::Exact ? arg == text : arg.find(text) != std::string::npos;
}

bool FlagSpec::matches(const std::string& arg) const {
    for (const FlagPattern& p : patterns)
        if (p.matches(arg)) return true;
    return false;
}

namespace {

// ---- value readers (BraggStudio is strict where the original used atof/atoi) -----------------

[[noreturn]] void fail(const ParseContext& c, const std::string& problem) {
    throw usageError(c.flag + ": " + problem);
}

std::string quote(const std::string& s) { return "'" + s + "'"; }

double number(ParseContext& c, const std::string& text) {
    std::optional<double> v = io::parseStrictNumber(text);
    if (!v) fail(c, "expected a number, got " + quote(text));
    return *v;
}

double positive(ParseContext& c, const std::string& text) {
    double v = number(c, text);
    if (!(v > 0)) fail(c, "must be > 0, got " + quote(text));
    return v;
}

// atoi(): the leading [sign]digits only, so "2.7" -> 2 and "1e3" -> 1 as in the original.
long long atoiPrefix(const std::string& text) {
    std::size_t i = 0;
    bool negative = false;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) negative = text[i++] == '-';
    long long v = 0;
    for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i)
        v = std::min<long long>(v * 10 + (text[i] - '0'), 1LL << 40);  // saturate, range-checked later
    return negative ? -v : v;
}

std::string rangeText(long long lo, long long hi) {
    if (lo == INT_MIN && hi == INT_MAX) return "a 32-bit integer";
    if (lo == INT_MIN) return "at most " + std::to_string(hi);
    if (hi == INT_MAX) return "at least " + std::to_string(lo);
    return "between " + std::to_string(lo) + " and " + std::to_string(hi);
}

// A strict number read the atoi way, within [lo, hi] (hint explains the range in the message).
int integer(ParseContext& c, const std::string& text, long long lo = INT_MIN, long long hi = INT_MAX,
            const char* hint = "") {
    const double asNumber = number(c, text);
    const long long v = atoiPrefix(text);
    if (v < lo || v > hi) fail(c, "must be " + rangeText(lo, hi) + hint + ", got " + quote(text));
    if (double(v) != asNumber)
        c.warnings.push_back(c.flag + ": " + quote(text) + " read as the integer " + std::to_string(v));
    return int(v);
}

std::string fileName(ParseContext& c, const std::string& text) {
    if (text.empty()) fail(c, "expected a file name, got ''");
    return text;
}

Triple triple(ParseContext& c, const FlagValues& v) {
    return {number(c, v[0]), number(c, v[1]), number(c, v[2])};
}

// ---- setter factories for the common row shapes ------------------------------------------------

using Reader = double (*)(ParseContext&, const std::string&);

template <class Field>
FlagSetter real(Field Params::*field, Reader read = number) {
    return [=](Params& p, const FlagValues& v, ParseContext& c) { p.*field = read(c, v[0]); };
}

template <class Field>
FlagSetter whole(Field Params::*field, long long lo = INT_MIN, long long hi = INT_MAX,
                 const char* hint = "") {
    return
        [=](Params& p, const FlagValues& v, ParseContext& c) { p.*field = integer(c, v[0], lo, hi, hint); };
}

FlagSetter file(std::string Params::*field) {
    return [=](Params& p, const FlagValues& v, ParseContext& c) { p.*field = fileName(c, v[0]); };
}

template <class Field, class Value>
FlagSetter set(Field Params::*field, Value value) {
    return [=](Params& p, const FlagValues&, ParseContext&) { p.*field = value; };
}

// A real value that also decides the pivot (docs/flags.md §2: "→ BEAM/SAMPLE").
template <class Field>
FlagSetter realPivot(Field Params::*field, Pivot pivot, Reader read = number) {
    return [=](Params& p, const FlagValues& v, ParseContext& c) {
        p.*field = read(c, v[0]);
        p.pivot = pivot;
    };
}

// Vector flags store their vector and switch to CUSTOM (docs/physics.md §3).
FlagSetter customVector(std::optional<Triple> Params::*field) {
    return [=](Params& p, const FlagValues& v, ParseContext& c) {
        p.*field = triple(c, v);
        p.convention = Convention::Custom;
    };
}

FlagSetter noEffect() {
    return [](Params&, const FlagValues&, ParseContext&) {};
}

// Values are validated even for flags without effect, so typos in them are not silently lost.
FlagSetter checkedNoEffect() {
    return [](Params&, const FlagValues& v, ParseContext& c) {
        for (const std::string& s : v) number(c, s);
    };
}

FlagSetter noEffectInts() {
    return [](Params&, const FlagValues& v, ParseContext& c) {
        for (const std::string& s : v) integer(c, s);
    };
}

// ---- special rows ----------------------------------------------------------------------------

// Missing b, c and angles are stored as 0; the engine applies the defaults (b = c = a, 90°).
void applyCell(Params& p, const FlagValues& v, ParseContext& c) {
    std::array<double, 6> cell{0, 0, 0, 0, 0, 0};
    for (std::size_t i = 0; i < v.size(); ++i) cell[i] = number(c, v[i]);
    p.cell = cell;
}

// docs/flags.md §3.10: "inf" or a value reading as 0 means no absorption AND no thickness, at this point.
void applyDetectorAbs(Params& p, const FlagValues& v, ParseContext& c) {
    const bool infinite = v[0].find("inf") != std::string::npos;
    const double depth = infinite ? 0.0 : number(c, v[0]);
    p.detectorAbsUm = depth;
    if (depth == 0) p.detectorThickUm = 0;
}

void applyPivot(Params& p, const FlagValues& v, ParseContext& c) {
    const bool sample = v[0].find("sample") != std::string::npos;
    const bool beam = v[0].find("beam") != std::string::npos;
    if (!sample && !beam) fail(c, "expected 'beam' or 'sample', got " + quote(v[0]));
    p.pivot = beam ? Pivot::Beam : Pivot::Sample;  // the original tests "beam" last
}

// ---- -misset and its -misset_seed side effect (docs/flags.md §1) -------------------------------

constexpr std::string_view kMissetQuirk = " is also read as -misset ";

std::string shortNumber(double v) {
    char buf[64];
    auto r = std::to_chars(buf, buf + sizeof buf, v);
    return std::string(buf, r.ptr);
}

std::string joined(const FlagValues& v) {
    std::string text;
    for (const std::string& s : v) text += (text.empty() ? "" : " ") + s;
    return text;
}

// Only the last misset setting decides the image: an earlier quirk warning no longer applies.
void dropMissetQuirkWarnings(ParseContext& c) {
    std::erase_if(c.warnings, [](const std::string& w) { return w.find(kMissetQuirk) != std::string::npos; });
}

// Typed as -misset it is strict; reached through another flag (-misset_seed) the values are
// read the original's atof way (its own flag, "-mosaic", reads as 0) and the user is told.
void applyMissetAngles(Params& p, const FlagValues& v, ParseContext& c) {
    dropMissetQuirkWarnings(c);
    if (c.flag == "-misset") {
        p.missetDeg = triple(c, v);
        p.missetMode = MissetMode::Angles;
        return;
    }
    const bool wasRandom = p.missetMode == MissetMode::Random;
    p.missetDeg = {io::cAtof(v[0]), io::cAtof(v[1]), io::cAtof(v[2])};
    p.missetMode = MissetMode::Angles;
    const std::string angles =
        shortNumber(p.missetDeg[0]) + " " + shortNumber(p.missetDeg[1]) + " " + shortNumber(p.missetDeg[2]);
    c.warnings.push_back(c.flag + " " + v[0] + std::string(kMissetQuirk) + angles +
                         " (nanoBragg substring match): fixed misset" +
                         (wasRandom ? ", replacing the earlier -misset random" : "") +
                         (angles != joined(v) ? " (from '" + joined(v) + "')" : ""));
}

void applyMissetRandom(Params& p, const FlagValues& v, ParseContext& c) {
    dropMissetQuirkWarnings(c);
    p.missetMode = MissetMode::Random;
    if (c.flag != "-misset")
        c.warnings.push_back(c.flag + " " + v[0] + std::string(kMissetQuirk) + v[0] +
                             " (nanoBragg substring match): random misset, seed not set");
}

// ---- -curved_det ----------------------------------------------------------------------------

void applyCurvedDetector(Params& p, const FlagValues&, ParseContext& c) {
    // The original only honours it when some argument follows (which it does not read).
    if (c.following == 0) {
        c.warnings.push_back(c.flag + ": ignored because it is the last argument (as in nanoBragg)");
        return;
    }
    p.curvedDetector = true;
}

// Seeds are stored as given; the engine negates them (docs/flags.md §3.13).
FlagSetter seed(std::optional<long> Params::*field) {
    return [=](Params& p, const FlagValues& v, ParseContext& c) { p.*field = integer(c, v[0]); };
}

constexpr long long kMaxPixels = 100000;
constexpr long long kMaxCells = 100000;
constexpr long long kMaxSteps = 100000;

// ---- the table -------------------------------------------------------------------------------

// Builds rows with readable call sites: add(name, arity, values, units, help, setter).patterns(...)
class TableBuilder {
public:
    class Row {
    public:
        explicit Row(FlagSpec& s) : s_(s) {}
        Row& also(std::string pattern, Match m = Match::Substring) {
            s_.patterns.push_back({std::move(pattern), m});
            return *this;
        }
        Row& exact() {
            s_.patterns.front().match = Match::Exact;
            return *this;
        }
        // Replace the default pattern (the name) by another spelling, e.g. a prefix.
        Row& pattern(std::string text) {
            s_.patterns.front().text = std::move(text);
            return *this;
        }
        Row& stop() {
            s_.stopAfterMatch = true;
            return *this;
        }
        Row& variadic() {
            s_.variadic = true;
            return *this;
        }
        Row& optionalValues() {
            s_.optionalValues = true;
            return *this;
        }
        Row& guard(FlagGuard g) {
            s_.guard = std::move(g);
            return *this;
        }

    private:
        FlagSpec& s_;
    };

    void group(const char* g) { group_ = g; }

    Row add(const char* name, int arity, const char* values, const char* units, const char* help,
            FlagSetter apply) {
        FlagSpec s;
        s.name = name;
        s.patterns.push_back({name, Match::Substring});
        s.arity = arity;
        s.values = values;
        s.units = units;
        s.help = help;
        s.group = group_;
        s.apply = std::move(apply);
        rows.push_back(std::move(s));
        return Row(rows.back());
    }

    std::vector<FlagSpec> rows;

private:
    const char* group_ = "";
};

// Rows whose argument also matches another row (docs/flags.md §1 side effects) are noted inline.
void addCrystal(TableBuilder& t) {
    t.group("Crystal");
    // Early-stop rows: an -N… argument is not tested any further.
    t.add("-Na", 1, "n", "cells", "unit cells along a", whole(&Params::Na, 0, kMaxCells)).stop();
    t.add("-Nb", 1, "n", "cells", "unit cells along b", whole(&Params::Nb, 0, kMaxCells)).stop();
    t.add("-Nc", 1, "n", "cells", "unit cells along c", whole(&Params::Nc, 0, kMaxCells)).stop();
    t.add("-N", 1, "n", "cells", "Na = Nb = Nc = n",
          [](Params& p, const FlagValues& v, ParseContext& c) {
              p.Na = p.Nb = p.Nc = integer(c, v[0], 0, kMaxCells);
          })
        .exact()
        .stop();
    t.add("-cell", 6, "a b c α β γ", "Å, deg",
          "direct cell; stops at a value starting with '-'; missing b,c = a, angles 90", applyCell)
        .variadic();
    // Substring rows (docs/flags.md §1): -misset_seed is also read as -misset.
    t.add("-misset", 1, "random", "", "random orientation (seeded by -misset_seed)", applyMissetRandom)
        .stop()
        .guard([](const std::string* next) { return next && next->find("rand") != std::string::npos; });
    t.add("-misset", 3, "rx ry rz", "deg",
          "fixed missetting rotation of the reciprocal cell (-misset_seed N a b reads as it too)",
          applyMissetAngles);
    t.add("-hkl", 1, "file", "", "structure factors (h k l F text)", file(&Params::hklFile));
    t.add("-mat", 1, "file", "", "reciprocal-cell (MOSFLM A) matrix file", file(&Params::matFile));
    t.add("-default_F", 1, "F", "", "F for reflections missing from -hkl", real(&Params::defaultF));
    t.add("-xtalsize", 1, "L", "mm", "crystal size along x, y and z",
          [](Params& p, const FlagValues& v, ParseContext& c) {
              const double l = number(c, v[0]);
              p.xtalSizeMm = {l, l, l};
          })
        .also("-xtal_size")
        .also("-samplesize")
        .also("-sample_size");
    t.add("-xtal_thick", 1, "L", "mm", "crystal size along x (Na)",
          [](Params& p, const FlagValues& v, ParseContext& c) { p.xtalSizeMm[0] = number(c, v[0]); })
        .also("-xtal_x")
        .also("-sample_thick")
        .also("-sample_x");
    t.add("-xtal_width", 1, "L", "mm", "crystal size along y (Nb)",
          [](Params& p, const FlagValues& v, ParseContext& c) { p.xtalSizeMm[1] = number(c, v[0]); })
        .also("-xtal_y")
        .also("-sample_width")
        .also("-sample_y")
        .also("-width");
    t.add("-xtal_height", 1, "L", "mm", "crystal size along z (Nc)",
          [](Params& p, const FlagValues& v, ParseContext& c) { p.xtalSizeMm[2] = number(c, v[0]); })
        .pattern("-xtal_heigh")
        .also("-xtal_z")
        .also("-sample_heigh")
        .also("-sample_z")
        .also("-heigh");
    t.add("-square_xtal", 0, "", "", "parallelepiped crystal (sincg spots, default)",
          set(&Params::shape, CrystalShape::Square));
    t.add("-round_xtal", 0, "", "", "spherical crystal (sinc3 spots)",
          set(&Params::shape, CrystalShape::Round));
    t.add("-gauss_xtal", 0, "", "", "Gaussian spots", set(&Params::shape, CrystalShape::Gauss));
    t.add("-tophat_spots", 0, "", "", "top-hat spots", set(&Params::shape, CrystalShape::Tophat))
        .also("-binary_spots");
    t.add("-fudge", 1, "f", "", "shape-factor width multiplier", real(&Params::fudge));
    t.add("-mosaic", 1, "σ", "deg", "isotropic mosaic spread", real(&Params::mosaicSpreadDeg))
        .exact()
        .also("-mosaici")
        .also("-mosaic_spr");
    t.add("-mosaic_domains", 1, "n", "", "number of mosaic domains",
          whole(&Params::mosaicDomains, 1, 1000000))
        .pattern("-mosaic_dom");
    t.add("-mosaic_seed", 1, "N", "", "seed for the domain orientations (also the noise seed)",
          [](Params& p, const FlagValues& v, ParseContext& c) { p.mosaicSeed = integer(c, v[0]); });
    t.add("-misset_seed", 1, "N", "", "seed for -misset random (also the noise seed)",
          seed(&Params::missetSeed));
    t.add("-phi", 1, "φ0", "deg", "start spindle angle", real(&Params::phi0Deg)).exact();
    t.add("-osc", 1, "range", "deg", "oscillation range", real(&Params::oscDeg));
    t.add("-phistep", 1, "Δφ", "deg", "spindle step", real(&Params::phiStepDeg)).exact();
    t.add("-phisteps", 1, "n", "", "number of spindle steps", whole(&Params::phiSteps, INT_MIN, kMaxSteps));
    t.add("-interpolate", 0, "", "", "force tricubic F interpolation on",
          set(&Params::interpolation, Interpolation::On));
    t.add("-nointerpolate", 0, "", "", "force tricubic F interpolation off",
          set(&Params::interpolation, Interpolation::Off));
}

void addBeam(TableBuilder& t) {
    t.group("Beam");
    t.add("-lambda", 1, "λ", "Å", "central wavelength", real(&Params::lambdaA, positive)).also("-wave");
    t.add("-energy", 1, "E", "eV", "photon energy: λ = 12398.42/E Å",
          [](Params& p, const FlagValues& v, ParseContext& c) { p.lambdaA = 12398.42 / positive(c, v[0]); });
    t.add("-dispersion", 1, "D", "%", "full relative bandwidth", real(&Params::dispersionPct));
    t.add("-dispsteps", 1, "n", "", "number of wavelengths", whole(&Params::dispSteps, INT_MIN, kMaxSteps));
    t.add("-divergence", 1, "R", "mrad", "both divergence ranges",
          [](Params& p, const FlagValues& v, ParseContext& c) {
              p.hdivRangeMrad = p.vdivRangeMrad = number(c, v[0]);
          });
    t.add("-hdivrange", 1, "R", "mrad", "horizontal divergence range", real(&Params::hdivRangeMrad));
    t.add("-vdivrange", 1, "R", "mrad", "vertical divergence range", real(&Params::vdivRangeMrad));
    t.add("-hdivstep", 1, "δ", "mrad", "horizontal divergence step", real(&Params::hdivStepMrad)).exact();
    t.add("-hdivsteps", 1, "n", "", "horizontal divergence points",
          whole(&Params::hdivSteps, INT_MIN, kMaxSteps));
    t.add("-vdivstep", 1, "δ", "mrad", "vertical divergence step", real(&Params::vdivStepMrad)).exact();
    t.add("-vdivsteps", 1, "n", "", "vertical divergence points",
          whole(&Params::vdivSteps, INT_MIN, kMaxSteps));
    t.add("-divsteps", 1, "n", "", "both divergence point counts",
          [](Params& p, const FlagValues& v, ParseContext& c) {
              p.hdivSteps = p.vdivSteps = integer(c, v[0], INT_MIN, kMaxSteps);
          });
    t.add("-round_div", 0, "", "", "trim the divergence grid to an ellipse (default)",
          set(&Params::roundDivergence, true));
    t.add("-square_div", 0, "", "", "keep the full divergence grid", set(&Params::roundDivergence, false));
    t.add("-sourcefile", 1, "file", "", "explicit source list", file(&Params::sourceFile));
    t.add("-fluence", 1, "F", "photons/m²", "integrated fluence", real(&Params::fluence));
    t.add("-flux", 1, "Φ", "photons/s", "flux (fluence = flux·exposure/beamsize²)", real(&Params::flux));
    t.add("-exposure", 1, "t", "s", "exposure time", real(&Params::exposureS));
    t.add("-beamsize", 1, "w", "mm", "beam size (also clips the crystal y/z size)",
          real(&Params::beamsizeMm));
    // The original also clears -nopolar here, so the last of -polar/-nopolar wins.
    t.add("-polar", 1, "K", "", "Kahn polarisation factor (0 = unpolarised)",
          [](Params& p, const FlagValues& v, ParseContext& c) {
              p.kahnFactor = number(c, v[0]);
              p.noPolar = false;
          })
        .exact();
    t.add("-nopolar", 0, "", "", "polarisation factor 1", set(&Params::noPolar, true));
    t.add("-beam_vector", 3, "x y z", "", "beam direction; → CUSTOM", customVector(&Params::beamVector));
    t.add("-polar_vector", 3, "x y z", "", "polarisation (E-vector) axis; → CUSTOM",
          customVector(&Params::polarVector));
    t.add("-spindle_axis", 3, "x y z", "", "spindle axis; → CUSTOM", customVector(&Params::spindleAxis));
    t.add("-water", 1, "W", "µm", "size of the water background term", real(&Params::waterUm));
    t.add("-stol", 1, "file", "", "amorphous curve in stol (read, never used)",
          [](Params& p, const FlagValues& v, ParseContext& c) {
              p.stolFile = fileName(c, v[0]);
              p.stolKind = StolKind::Stol;
          })
        .exact();
    t.add("-4stol", 1, "file", "", "amorphous curve in 4·stol (read, never used)",
          [](Params& p, const FlagValues& v, ParseContext& c) {
              p.stolFile = fileName(c, v[0]);
              p.stolKind = StolKind::FourStol;
          })
        .exact();
    t.add("-Q", 1, "file", "", "amorphous curve in Q (read, never used)",
          [](Params& p, const FlagValues& v, ParseContext& c) {
              p.stolFile = fileName(c, v[0]);
              p.stolKind = StolKind::Q;
          })
        .exact();
    t.add("-dmin", 1, "d", "Å", "skip sources finer than this resolution (0 = off)", real(&Params::dminA));
}

void addDetectorGeometry(TableBuilder& t) {
    t.add("-pixel", 1, "px", "mm", "pixel size", real(&Params::pixelMm, positive));
    t.add("-detsize", 1, "L", "mm", "both detector sides",
          [](Params& p, const FlagValues& v, ParseContext& c) {
              p.detsizeFMm = p.detsizeSMm = positive(c, v[0]);
          })
        .exact();
    t.add("-detsize_f", 1, "L", "mm", "detector size along fast", real(&Params::detsizeFMm, positive));
    t.add("-detsize_s", 1, "L", "mm", "detector size along slow", real(&Params::detsizeSMm, positive));
    t.add("-detpixels", 1, "n", "", "both pixel counts", [](Params& p, const FlagValues& v, ParseContext& c) {
         p.fpixels = p.spixels = integer(c, v[0], 1, kMaxPixels);
     }).exact();
    t.add("-detpixels_f", 1, "n", "", "pixel count along fast", whole(&Params::fpixels, 1, kMaxPixels))
        .also("-detpixels_x");
    t.add("-detpixels_s", 1, "n", "", "pixel count along slow", whole(&Params::spixels, 1, kMaxPixels))
        .also("-detpixels_y");
    t.add("-distance", 1, "d", "mm", "sample to beam-spot distance; → BEAM",
          realPivot(&Params::distanceMm, Pivot::Beam, positive));
    t.add("-close_distance", 1, "d", "mm", "sample to detector-plane distance; → SAMPLE",
          realPivot(&Params::closeDistanceMm, Pivot::Sample, positive));
    t.add("-Xbeam", 1, "x", "mm", "beam centre; → BEAM", realPivot(&Params::xbeamMm, Pivot::Beam));
    t.add("-Ybeam", 1, "y", "mm", "beam centre; → BEAM", realPivot(&Params::ybeamMm, Pivot::Beam));
    t.add("-Xclose", 1, "x", "mm", "near point; → SAMPLE", realPivot(&Params::xcloseMm, Pivot::Sample));
    t.add("-Yclose", 1, "y", "mm", "near point; → SAMPLE", realPivot(&Params::ycloseMm, Pivot::Sample));
    t.add("-ORGX", 1, "x", "pixels", "XDS-style origin; → SAMPLE", realPivot(&Params::orgx, Pivot::Sample));
    t.add("-ORGY", 1, "y", "pixels", "XDS-style origin; → SAMPLE", realPivot(&Params::orgy, Pivot::Sample));
    t.add("-pivot", 1, "beam|sample", "", "detector pivot (effective in CUSTOM only)", applyPivot);
    // Each named convention also sets the parsed pivot, as the original does; this shows only if
    // a later vector flag switches to CUSTOM (named conventions force their own pivot).
    auto convention = [](Convention c, Pivot pivot) {
        return [c, pivot](Params& p, const std::vector<std::string>&, ParseContext&) {
            p.convention = c;
            p.pivot = pivot;
        };
    };
    t.add("-mosflm", 0, "", "", "MOSFLM convention (default)", convention(Convention::Mosflm, Pivot::Beam));
    t.add("-xds", 0, "", "", "XDS convention", convention(Convention::Xds, Pivot::Sample));
    t.add("-adxv", 0, "", "", "ADXV convention", convention(Convention::Adxv, Pivot::Beam));
    t.add("-denzo", 0, "", "", "DENZO convention", convention(Convention::Denzo, Pivot::Beam));
    t.add("-dials", 0, "", "", "DIALS convention", convention(Convention::Dials, Pivot::Beam));
    t.add("-fdet_vector", 3, "x y z", "", "detector fast axis; → CUSTOM", customVector(&Params::fdetVector));
    t.add("-sdet_vector", 3, "x y z", "", "detector slow axis; → CUSTOM", customVector(&Params::sdetVector));
    t.add("-odet_vector", 3, "x y z", "", "detector normal; → CUSTOM", customVector(&Params::odetVector));
    // Also matches -twotheta below: the angle becomes x degrees and the pivot SAMPLE.
    t.add("-twotheta_axis", 3, "x y z", "", "two-theta axis; → CUSTOM; also acts as -twotheta x (→ SAMPLE)",
          customVector(&Params::twothetaAxis));
    // Also matched by -pix0_vector_mm.
    t.add("-pix0_vector", 3, "x y z", "m", "→ CUSTOM; the values are ignored",
          [](Params& p, const FlagValues& v, ParseContext& c) {
              triple(c, v);
              p.convention = Convention::Custom;
          });
    t.add("-detector_rotx", 1, "a", "deg", "detector rotation about x",
          [](Params& p, const FlagValues& v, ParseContext& c) { p.detectorRotDeg[0] = number(c, v[0]); });
    t.add("-detector_roty", 1, "a", "deg", "detector rotation about y",
          [](Params& p, const FlagValues& v, ParseContext& c) { p.detectorRotDeg[1] = number(c, v[0]); });
    t.add("-detector_rotz", 1, "a", "deg", "detector rotation about z",
          [](Params& p, const FlagValues& v, ParseContext& c) { p.detectorRotDeg[2] = number(c, v[0]); });
    t.add("-twotheta", 1, "2θ", "deg", "detector swing about the two-theta axis; → SAMPLE",
          realPivot(&Params::twothetaDeg, Pivot::Sample));
    // The original needs some argument after it and never reads it ("-curved_det 1").
    t.add("-curved_det", 1, "any", "", "spherical detector (needs a following argument, not read)",
          applyCurvedDetector)
        .optionalValues();
    t.add("-point_pixel", 0, "", "", "solid angle 1/R²", set(&Params::pointPixel, true));
}

void addDetectorSensor(TableBuilder& t) {
    // Also matched by -detector_absorb.
    t.add("-detector_abs", 1, "depth|inf", "µm",
          "attenuation depth; inf or 0 = no absorption and no thickness (order matters)", applyDetectorAbs);
    t.add("-detector_thick", 1, "T", "µm", "sensor thickness", real(&Params::detectorThickUm)).exact();
    t.add("-detector_thicksteps", 1, "n", "", "sensor layers", whole(&Params::thickSteps, INT_MIN, kMaxSteps))
        .also("-thicksteps");
    // Early stop: these contain "-oversample" but must never be read as it (docs/flags.md §1).
    t.add("-oversample_thick", 0, "", "", "apply the capture fraction per sub-pixel",
          set(&Params::oversampleThick, true))
        .stop();
    t.add("-oversample_polar", 0, "", "", "apply polarisation per sub-pixel",
          set(&Params::oversamplePolar, true))
        .stop();
    t.add("-oversample_omega", 0, "", "", "apply the solid angle per sub-pixel",
          set(&Params::oversampleOmega, true))
        .stop();
    t.add("-oversample", 1, "n", "", "sub-pixels per axis (0 or less = automatic)",
          whole(&Params::oversample, INT_MIN, 100, " (0 or less = automatic)"));
    t.add("-roi", 4, "xmin xmax ymin ymax", "pixels",
          "inclusive 0-based fast/slow limits (negative = default)",
          [](Params& p, const FlagValues& v, ParseContext& c) {
              for (std::size_t i = 0; i < 4; ++i) p.roi[i] = integer(c, v[i]);
          });
    t.add("-img", 1, "file", "", "take geometry from an SMV header (read first)", file(&Params::imgFile));
    t.add("-mask", 1, "file", "", "SMV mask: pixels with value 0 are skipped (header read first)",
          file(&Params::maskFile));
}

void addOutput(TableBuilder& t) {
    t.group("Output");
    t.add("-floatfile", 1, "file", "", "raw float image", file(&Params::floatFile)).also("-floatimage");
    t.add("-intfile", 1, "file", "", "scaled SMV image", file(&Params::intFile)).also("-intimage");
    t.add("-pgmfile", 1, "file", "", "PGM image (re-enables PGM)",
          [](Params& p, const FlagValues& v, ParseContext& c) {
              p.pgmFile = fileName(c, v[0]);
              p.writePgm = true;
          })
        .also("-pgmimage");
    t.add("-noisefile", 1, "file", "", "SMV image with Poisson noise (re-enables noise)",
          [](Params& p, const FlagValues& v, ParseContext& c) {
              p.noiseFile = fileName(c, v[0]);
              p.writeNoise = true;
          })
        .also("-noiseimage");
    t.add("-tifffile", 1, "file", "", "float32 TIFF image (BraggStudio)", file(&Params::tiffFile));
    t.add("-cbffile", 1, "file", "", "miniCBF image, -intfile counts (BraggStudio)", file(&Params::cbfFile));
    t.add("-cbfnoisefile", 1, "file", "", "miniCBF image with Poisson noise (BraggStudio)",
          file(&Params::cbfNoiseFile));
    t.add("-nexusfile", 1, "file", "", "NeXus NXmx HDF5 file, float32 (BraggStudio)",
          file(&Params::nexusFile));
    static const std::string nexusCompressions = io::nexusCompressionChoices();
    t.add("-nexus_compression", 1, nexusCompressions.c_str(), "", "NeXus image compression (BraggStudio)",
          [](Params& p, const FlagValues& v, ParseContext& c) {
              if (!io::findNexusCompression(v[0]))
                  fail(c, "expected one of " + nexusCompressions + ", got " + quote(v[0]));
              p.nexusCompression = v[0];
          });
    t.add("-nonoise", 0, "", "", "do not write the noise image", set(&Params::writeNoise, false));
    t.add("-nopgm", 0, "", "", "do not write the PGM image", set(&Params::writePgm, false));
    t.add("-scale", 1, "s", "", "int-image scale (0 or less = automatic)", real(&Params::intScale));
    t.add("-pgmscale", 1, "s", "", "PGM scale (also enables PGM)",
          [](Params& p, const FlagValues& v, ParseContext& c) {
              p.pgmScale = number(c, v[0]);
              p.writePgm = true;
          });
    t.add("-adc", 1, "counts", "", "offset added to the int and noise images", real(&Params::adc));
    // docs/flags.md §1: -mosaic_seed and -misset_seed also set the noise seed. Listing them explicitly
    // gives exactly that side effect (a bare "seed" pattern would accept any "-…seed…").
    t.add("-seed", 1, "N", "", "noise seed (-mosaic_seed/-misset_seed also set it)", seed(&Params::noiseSeed))
        .also("-mosaic_seed")
        .also("-misset_seed");
}

void addDiagnostics(TableBuilder& t) {
    t.group("Diagnostics");
    // Also matched by -printout_pixel.
    t.add("-printout", 0, "", "", "accepted, no effect", noEffect());
    t.add("-printout_pixel", 2, "f s", "pixels", "accepted, no effect", noEffectInts());
    t.add("-trace_pixel", 2, "s f", "pixels", "accepted, no effect", noEffectInts()).also("-dump_pixel");
    t.add("-noprogress", 0, "", "", "accepted, no effect", noEffect());
    t.add("-progress", 0, "", "", "accepted, no effect", noEffect());
    t.add("-coherent", 0, "", "", "accepted, no effect", noEffect());
    t.add("-density", 1, "v", "", "accepted, no effect", checkedNoEffect()).also("-sample_den");
    t.add("-MW", 1, "v", "", "accepted, no effect", checkedNoEffect()).exact().also("-molec");
    t.add("-stolout", 1, "file", "", "accepted, nothing written",
          [](Params&, const FlagValues& v, ParseContext& c) { fileName(c, v[0]); });
}

std::vector<FlagSpec> buildTable() {
    TableBuilder t;
    addCrystal(t);
    addBeam(t);
    t.group("Detector");
    addDetectorGeometry(t);
    addDetectorSensor(t);
    addOutput(t);
    addDiagnostics(t);
    return std::move(t.rows);
}

}  // namespace

const std::vector<FlagSpec>& nanoBraggFlagTable() {
    static const std::vector<FlagSpec> table = buildTable();
    return table;
}

const std::vector<const char*>& nanoBraggFlagGroups() {
    static const std::vector<const char*> groups = {"Crystal", "Beam", "Detector", "Output", "Diagnostics"};
    return groups;
}

}  // namespace bragg
