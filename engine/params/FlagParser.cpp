#include "params/FlagParser.h"

#include <algorithm>
#include <charconv>
#include <initializer_list>
#include <stdexcept>

#include "core/Error.h"
#include "io/CText.h"
#include "io/Smv.h"

namespace bragg {

namespace {

std::string quote(const std::string& s) { return "'" + s + "'"; }

// docs/flags.md §1: only arguments starting with '-' are tested against the table.
bool isOption(const std::string& arg) { return !arg.empty() && arg[0] == '-'; }

const FlagSpec& rowNamed(const std::string& name) {
    for (const FlagSpec& row : nanoBraggFlagTable())
        if (row.name == name) return row;
    throw std::logic_error("flag table has no row " + name);
}

// ---- header ingestion (docs/flags.md §3.1) -------------------------------------------------

template <class Field>
void assignIf(Field& field, std::optional<double> value) {
    if (value) field = *value;
}

void ingestHeader(Params& p, const io::SmvFile& smv, bool isMask) {
    p.fpixels = smv.width;
    p.spixels = smv.height;
    assignIf(p.pixelMm, smv.value("PIXEL_SIZE"));
    // With the pixel size as it now stands (header, earlier file or default).
    p.detsizeFMm = p.pixelMm * smv.width;
    p.detsizeSMm = p.pixelMm * smv.height;
    assignIf(p.distanceMm, smv.value("DISTANCE"));
    assignIf(p.closeDistanceMm, smv.value("CLOSE_DISTANCE"));
    assignIf(p.lambdaA, smv.value("WAVELENGTH"));
    assignIf(p.xbeamMm, smv.value("BEAM_CENTER_X"));
    if (std::optional<double> y = smv.value("BEAM_CENTER_Y"))
        p.ybeamMm = isMask ? p.detsizeSMm - *y : *y;  // the original flips it for the mask only
    assignIf(p.orgx, smv.value("ORGX"));
    assignIf(p.orgy, smv.value("ORGY"));
    assignIf(p.phi0Deg, smv.value("PHI"));
    assignIf(p.oscDeg, smv.value("OSC_RANGE"));
}

// Before any option: the last -mask, then the last -img (each needs a following argument).
void ingestHeaders(Params& p, const std::vector<std::string>& args) {
    const FlagSpec& imgRow = rowNamed("-img");
    const FlagSpec& maskRow = rowNamed("-mask");
    std::string img, mask;
    for (std::size_t i = 0; i + 1 < args.size(); ++i) {
        if (!isOption(args[i])) continue;
        if (imgRow.matches(args[i])) img = args[i + 1];
        if (maskRow.matches(args[i])) mask = args[i + 1];
    }
    if (!mask.empty()) ingestHeader(p, io::readSmv(mask, false), true);
    if (!img.empty()) ingestHeader(p, io::readSmv(img, false), false);
}

// ---- unknown flags ---------------------------------------------------------------------------

std::size_t editDistance(const std::string& a, const std::string& b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t substitute = diagonal + (a[i - 1] == b[j - 1] ? 0 : 1);
            diagonal = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, substitute});
        }
    }
    return row[b.size()];
}

// The nearest flag spelling, or "" if nothing is plausibly meant.
std::string closestFlag(const std::string& arg) {
    std::string best;
    std::size_t bestDistance = std::max<std::size_t>(2, arg.size() / 3) + 1;
    auto consider = [&](const std::string& candidate) {
        // The length difference is a lower bound of the distance: skip hopeless candidates (a long
        // argument would otherwise cost a full distance table per flag spelling).
        const std::size_t gap =
            std::max(arg.size(), candidate.size()) - std::min(arg.size(), candidate.size());
        if (gap >= bestDistance) return;
        const std::size_t d = editDistance(arg, candidate);
        if (d < bestDistance) {
            bestDistance = d;
            best = candidate;
        }
    };
    for (const FlagSpec& row : nanoBraggFlagTable()) {
        consider(row.name);
        for (const FlagPattern& p : row.patterns)
            if (isOption(p.text)) consider(p.text);
    }
    return best;
}

Error unknownFlag(const std::string& arg) {
    if (io::parseStrictNumber(arg)) return usageError("unexpected argument " + quote(arg));
    const std::string suggestion = closestFlag(arg);
    return usageError("unknown flag " + quote(arg) +
                      (suggestion.empty() ? "" : " (did you mean " + suggestion + "?)"));
}

// ---- applying rows ---------------------------------------------------------------------------

std::string plural(int n, const char* word) { return std::to_string(n) + " " + word + (n == 1 ? "" : "s"); }

// Could be a value: not a flag, or a number such as -7.
bool valueLike(const std::string& arg) { return !isOption(arg) || io::parseStrictNumber(arg); }

bool isRowName(const std::string& text) {
    for (const FlagSpec& row : nanoBraggFlagTable())
        if (row.name == text) return true;
    return false;
}

// The row is reached as a side effect of another flag's spelling (-misset_seed → -misset).
bool isSideEffect(const FlagSpec& row, const std::string& arg) { return arg != row.name && isRowName(arg); }

// How many following arguments the row reads; throws when there are too few.
std::size_t valueCount(const FlagSpec& row, const std::vector<std::string>& args, std::size_t i) {
    const std::size_t available = args.size() - i - 1;
    if (row.optionalValues) {
        std::size_t n = 0;
        while (n < std::size_t(row.arity) && n < available && valueLike(args[i + 1 + n])) ++n;
        return n;
    }
    if (row.variadic) {
        std::size_t n = 0;
        while (n < std::size_t(row.arity) && n < available && !isOption(args[i + 1 + n])) ++n;
        if (n == 0)
            throw usageError(args[i] + ": needs 1 to " + std::to_string(row.arity) +
                             " values (a value may not start with '-')");
        return n;
    }
    if (available < std::size_t(row.arity))
        throw usageError(args[i] + ": needs " + plural(row.arity, "value"));
    return std::size_t(row.arity);
}

void applyRow(const FlagSpec& row, const std::vector<std::string>& args, std::size_t i, ParsedFlags& out,
              std::vector<bool>& isValue) {
    // Like the original, a side effect without enough values is ignored ("-misset_seed 4" at the
    // end is no -misset); the strict error is for the flag as typed.
    if (!row.variadic && !row.optionalValues && args.size() - i - 1 < std::size_t(row.arity) &&
        isSideEffect(row, args[i]))
        return;
    const std::size_t count = valueCount(row, args, i);
    const auto first = args.begin() + std::ptrdiff_t(i + 1);
    const FlagValues values(first, first + std::ptrdiff_t(count));
    // Values are not skipped: they are still tested as flags, but are never "unknown".
    for (std::size_t k = 1; k <= count; ++k) isValue[i + k] = true;
    ParseContext context{args[i], args.size() - i - 1, out.warnings};
    row.apply(out.params, values, context);
}

}  // namespace

std::vector<const FlagSpec*> matchingFlags(const std::string& arg, const std::string* next) {
    std::vector<const FlagSpec*> rows;
    for (const FlagSpec& row : nanoBraggFlagTable()) {
        if (!row.matches(arg) || (row.guard && !row.guard(next))) continue;
        rows.push_back(&row);
        if (row.stopAfterMatch) break;
    }
    return rows;
}

ParsedFlags parseNanoBraggFlags(const std::vector<std::string>& args) {
    ParsedFlags out;
    ingestHeaders(out.params, args);
    std::vector<bool> isValue(args.size(), false);
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        if (!isOption(arg)) {
            if (!isValue[i]) throw usageError("unexpected argument " + quote(arg));
            continue;
        }
        const std::string* next = i + 1 < args.size() ? &args[i + 1] : nullptr;
        const std::vector<const FlagSpec*> rows = matchingFlags(arg, next);
        if (rows.empty() && !isValue[i]) throw unknownFlag(arg);
        for (const FlagSpec* row : rows) applyRow(*row, args, i, out, isValue);
    }
    return out;
}

// ---- help ------------------------------------------------------------------------------------

namespace {

// Columns are padded by characters, not bytes (the table uses α, Å, µ…).
std::size_t displayWidth(const std::string& s) {
    return std::size_t(std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

std::string padded(const std::string& s, std::size_t width) {
    const std::size_t w = displayWidth(s);
    return s + std::string(w < width ? width - w : 1, ' ');
}

// Other spellings of the row; patterns that are another flag's name are side effects, not aliases.
std::string aliasText(const FlagSpec& row) {
    std::string text;
    for (const FlagPattern& p : row.patterns) {
        if (p.text == row.name || isRowName(p.text) || row.name.find(p.text) != std::string::npos) continue;
        text += (text.empty() ? "" : ", ") + p.text;
    }
    return text.empty() ? "" : " (also " + text + ")";
}

std::string helpLine(const FlagSpec& row) {
    std::string left = row.name + (*row.values ? std::string(" ") + row.values : "");
    std::string help = row.help;
    if (row.patterns.front().match == Match::Exact) help += " [exact]";
    return "  " + padded(left, 28) + padded(row.units, 12) + help + aliasText(row) + "\n";
}

}  // namespace

std::string nanoBraggFlagsHelp() {
    std::string out =
        "nanoBragg flags (an argument triggers every flag whose name it contains, except those "
        "marked [exact]):\n";
    for (const char* group : nanoBraggFlagGroups()) {
        out += std::string("\n") + group + ":\n";
        for (const FlagSpec& row : nanoBraggFlagTable())
            if (std::string(row.group) == group) out += helpLine(row);
    }
    return out;
}

// ---- Params -> flags -------------------------------------------------------------------------

namespace {

// Shortest text that reads back to the same double.
std::string num(double v) {
    char buf[64];
    auto r = std::to_chars(buf, buf + sizeof buf, v);
    return std::string(buf, r.ptr);
}

class FlagList {
public:
    void add(const std::string& flag, std::vector<std::string> values = {}) {
        args.push_back(flag);
        args.insert(args.end(), values.begin(), values.end());
        used.push_back(flag);
    }
    bool any(std::initializer_list<const char*> flags) const {
        for (const char* f : flags)
            if (std::find(used.begin(), used.end(), f) != used.end()) return true;
        return false;
    }
    std::vector<std::string> args;

private:
    std::vector<std::string> used;
};

std::vector<std::string> nums(const Triple& t) { return {num(t[0]), num(t[1]), num(t[2])}; }

// -cell with trailing zero entries dropped (they read back as "missing" = 0).
std::vector<std::string> cellValues(const std::array<double, 6>& cell) {
    std::size_t n = cell.size();
    while (n > 1 && cell[n - 1] == 0) --n;
    std::vector<std::string> v;
    for (std::size_t i = 0; i < n; ++i) v.push_back(num(cell[i]));
    return v;
}

template <class T>
void addIf(FlagList& f, const char* flag, const std::optional<T>& value) {
    if (value) f.add(flag, {num(double(*value))});
}

void addIfChanged(FlagList& f, const char* flag, double value, double defaultValue, bool force = false) {
    if (force || value != defaultValue) f.add(flag, {num(value)});
}

void emitCrystal(const Params& p, const Params& d, bool header, FlagList& f) {
    if (!p.hklFile.empty()) f.add("-hkl", {p.hklFile});
    if (!p.matFile.empty()) f.add("-mat", {p.matFile});
    if (p.cell) f.add("-cell", cellValues(*p.cell));
    // -misset_seed followed by three arguments is also read as -misset: before a -misset, which
    // then wins. Without a misset it goes last instead (toNanoBraggFlags).
    if (p.missetSeed && p.missetMode != MissetMode::None)
        f.add("-misset_seed", {std::to_string(*p.missetSeed)});
    if (p.missetMode == MissetMode::Angles || p.missetDeg != d.missetDeg) f.add("-misset", nums(p.missetDeg));
    if (p.missetMode == MissetMode::Random) f.add("-misset", {"random"});
    addIfChanged(f, "-default_F", p.defaultF, d.defaultF);
    if (p.Na == p.Nb && p.Nb == p.Nc) {
        if (p.Na != 1) f.add("-N", {std::to_string(p.Na)});
    } else {
        if (p.Na != 1) f.add("-Na", {std::to_string(p.Na)});
        if (p.Nb != 1) f.add("-Nb", {std::to_string(p.Nb)});
        if (p.Nc != 1) f.add("-Nc", {std::to_string(p.Nc)});
    }
    const Triple& size = p.xtalSizeMm;
    if (size[0] == size[1] && size[1] == size[2]) {
        addIfChanged(f, "-xtalsize", size[0], 0);
    } else {
        addIfChanged(f, "-xtal_thick", size[0], 0);
        addIfChanged(f, "-xtal_width", size[1], 0);
        addIfChanged(f, "-xtal_height", size[2], 0);
    }
    if (p.shape != d.shape)
        f.add(p.shape == CrystalShape::Tophat ? "-tophat_spots"
                                              : std::string("-") + toString(p.shape) + "_xtal");
    addIfChanged(f, "-fudge", p.fudge, d.fudge);
    addIf(f, "-mosaic", p.mosaicSpreadDeg);
    addIf(f, "-mosaic_domains", p.mosaicDomains);
    addIfChanged(f, "-phi", p.phi0Deg, d.phi0Deg, header);
    addIf(f, "-osc", p.oscDeg);
    addIf(f, "-phistep", p.phiStepDeg);
    addIf(f, "-phisteps", p.phiSteps);
    if (p.interpolation == Interpolation::On) f.add("-interpolate");
    if (p.interpolation == Interpolation::Off) f.add("-nointerpolate");
}

void emitBeam(const Params& p, const Params& d, bool header, FlagList& f) {
    addIfChanged(f, "-lambda", p.lambdaA, d.lambdaA, header);
    addIfChanged(f, "-dispersion", p.dispersionPct, d.dispersionPct);
    addIf(f, "-dispsteps", p.dispSteps);
    addIf(f, "-hdivrange", p.hdivRangeMrad);
    addIf(f, "-vdivrange", p.vdivRangeMrad);
    addIf(f, "-hdivstep", p.hdivStepMrad);
    addIf(f, "-vdivstep", p.vdivStepMrad);
    addIf(f, "-hdivsteps", p.hdivSteps);
    addIf(f, "-vdivsteps", p.vdivSteps);
    if (!p.roundDivergence) f.add("-square_div");
    if (!p.sourceFile.empty()) f.add("-sourcefile", {p.sourceFile});
    addIfChanged(f, "-fluence", p.fluence, d.fluence);
    addIfChanged(f, "-flux", p.flux, d.flux);
    addIfChanged(f, "-exposure", p.exposureS, d.exposureS);
    addIfChanged(f, "-beamsize", p.beamsizeMm, d.beamsizeMm);
    addIfChanged(f, "-polar", p.kahnFactor, d.kahnFactor);
    if (p.noPolar) f.add("-nopolar");  // after -polar, which clears it
    if (p.beamVector) f.add("-beam_vector", nums(*p.beamVector));
    if (p.polarVector) f.add("-polar_vector", nums(*p.polarVector));
    if (p.spindleAxis) f.add("-spindle_axis", nums(*p.spindleAxis));
    addIfChanged(f, "-water", p.waterUm, d.waterUm);
    if (!p.stolFile.empty()) {
        const char* flag = p.stolKind == StolKind::Q          ? "-Q"
                           : p.stolKind == StolKind::FourStol ? "-4stol"
                                                              : "-stol";
        f.add(flag, {p.stolFile});
    }
    addIfChanged(f, "-dmin", p.dminA, d.dminA);
}

void emitDetectorSize(const Params& p, const Params& d, bool header, FlagList& f) {
    addIfChanged(f, "-pixel", p.pixelMm, d.pixelMm, header);
    if (p.detsizeFMm == p.detsizeSMm && !header) {
        addIfChanged(f, "-detsize", p.detsizeFMm, d.detsizeFMm);
    } else {
        addIfChanged(f, "-detsize_f", p.detsizeFMm, d.detsizeFMm, header);
        addIfChanged(f, "-detsize_s", p.detsizeSMm, d.detsizeSMm, header);
    }
    if (p.fpixels && p.fpixels == p.spixels) {
        f.add("-detpixels", {std::to_string(*p.fpixels)});
    } else {
        addIf(f, "-detpixels_f", p.fpixels);
        addIf(f, "-detpixels_s", p.spixels);
    }
}

void emitDetectorPlacement(const Params& p, const Params& d, bool header, FlagList& f) {
    addIfChanged(f, "-distance", p.distanceMm, d.distanceMm, header);
    addIf(f, "-close_distance", p.closeDistanceMm);
    addIf(f, "-Xbeam", p.xbeamMm);
    addIf(f, "-Ybeam", p.ybeamMm);
    addIf(f, "-Xclose", p.xcloseMm);
    addIf(f, "-Yclose", p.ycloseMm);
    addIf(f, "-ORGX", p.orgx);
    addIf(f, "-ORGY", p.orgy);
    if (p.fdetVector) f.add("-fdet_vector", nums(*p.fdetVector));
    if (p.sdetVector) f.add("-sdet_vector", nums(*p.sdetVector));
    if (p.odetVector) f.add("-odet_vector", nums(*p.odetVector));
    if (p.twothetaAxis) f.add("-twotheta_axis", nums(*p.twothetaAxis));  // also sets 2θ = x
    addIfChanged(f, "-detector_rotx", p.detectorRotDeg[0], 0);
    addIfChanged(f, "-detector_roty", p.detectorRotDeg[1], 0);
    addIfChanged(f, "-detector_rotz", p.detectorRotDeg[2], 0);
    addIfChanged(f, "-twotheta", p.twothetaDeg, p.twothetaAxis ? (*p.twothetaAxis)[0] : d.twothetaDeg);
    if (p.pointPixel) f.add("-point_pixel");
}

void emitSensor(const Params& p, const Params& d, FlagList& f) {
    // -detector_abs first: a 0 depth also zeroes the thickness at that point (docs/flags.md §3.10).
    addIf(f, "-detector_abs", p.detectorAbsUm);
    addIfChanged(f, "-detector_thick", p.detectorThickUm, d.detectorThickUm);
    addIf(f, "-detector_thicksteps", p.thickSteps);
    if (p.oversample != d.oversample) f.add("-oversample", {std::to_string(p.oversample)});
    if (p.oversampleThick) f.add("-oversample_thick");
    if (p.oversamplePolar) f.add("-oversample_polar");
    if (p.oversampleOmega) f.add("-oversample_omega");
    if (p.roi != d.roi)
        f.add("-roi", {std::to_string(p.roi[0]), std::to_string(p.roi[1]), std::to_string(p.roi[2]),
                       std::to_string(p.roi[3])});
}

void emitOutput(const Params& p, const Params& d, FlagList& f) {
    if (p.floatFile != d.floatFile) f.add("-floatfile", {p.floatFile});
    if (p.intFile != d.intFile) f.add("-intfile", {p.intFile});
    if (p.pgmFile != d.pgmFile) f.add("-pgmfile", {p.pgmFile});
    if (p.noiseFile != d.noiseFile) f.add("-noisefile", {p.noiseFile});
    addIfChanged(f, "-scale", p.intScale, d.intScale);
    addIfChanged(f, "-pgmscale", p.pgmScale, d.pgmScale);
    if (!p.writePgm) f.add("-nopgm");  // after -pgmfile/-pgmscale, which re-enable it
    if (!p.writeNoise) f.add("-nonoise");
    addIfChanged(f, "-adc", p.adc, d.adc);
}

// -mosaic_seed and -misset_seed also set the noise seed, so -seed comes after them.
void emitSeeds(const Params& p, const Params& d, FlagList& f) {
    if (p.mosaicSeed != d.mosaicSeed) f.add("-mosaic_seed", {std::to_string(p.mosaicSeed)});
    if (p.noiseSeed) f.add("-seed", {std::to_string(*p.noiseSeed)});
}

// Convention and pivot are "last one wins", and many flags above set them as a side effect.
void emitConventionAndPivot(const Params& p, FlagList& f) {
    const bool vectors = f.any({"-beam_vector", "-polar_vector", "-spindle_axis", "-fdet_vector",
                                "-sdet_vector", "-odet_vector", "-twotheta_axis"});
    if (p.convention == Convention::Custom && !vectors) f.add("-pix0_vector", {"0", "0", "0"});
    if (p.convention != Convention::Custom && (p.convention != Convention::Mosflm || vectors))
        f.add(std::string("-") + toString(p.convention));
    const bool pivotTouched = f.any({"-distance", "-close_distance", "-Xbeam", "-Ybeam", "-Xclose", "-Yclose",
                                     "-ORGX", "-ORGY", "-twotheta", "-twotheta_axis"});
    if (pivotTouched || p.pivot != Pivot::Beam) f.add("-pivot", {toString(p.pivot)});
}

}  // namespace

std::vector<std::string> toNanoBraggFlags(const Params& p) {
    static const Params d;
    // Header values are re-read from the files, so every field they set is written explicitly.
    const bool header = !p.imgFile.empty() || !p.maskFile.empty();
    FlagList f;
    if (!p.maskFile.empty()) f.add("-mask", {p.maskFile});
    if (!p.imgFile.empty()) f.add("-img", {p.imgFile});
    emitCrystal(p, d, header, f);
    emitBeam(p, d, header, f);
    emitDetectorSize(p, d, header, f);
    emitDetectorPlacement(p, d, header, f);
    emitSensor(p, d, f);
    emitOutput(p, d, f);
    emitSeeds(p, d, f);
    emitConventionAndPivot(p, f);
    // Honoured only when some argument follows it; the usual spelling.
    if (p.curvedDetector) f.args.insert(f.args.begin(), {"-curved_det", "1"});
    // With no misset, -misset_seed must have at most two arguments after it (or it would be
    // read as -misset too), so it goes last. It also sets the noise seed: parsed flags always
    // leave that equal to it here; other Params drop it, which only a random misset would use.
    if (p.missetSeed && p.missetMode == MissetMode::None && p.noiseSeed == p.missetSeed)
        f.args.insert(f.args.end(), {"-misset_seed", std::to_string(*p.missetSeed)});
    return f.args;
}

}  // namespace bragg
