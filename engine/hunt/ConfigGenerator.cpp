#include "hunt/ConfigGenerator.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <functional>

#include "core/Error.h"

namespace bragg::hunt {
namespace {

// splitmix64: tiny, good enough for drawing test configurations, identical everywhere.
class Draw {
public:
    explicit Draw(std::uint64_t state) : state_(state) {}
    std::uint64_t next() {
        std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    double uniform() { return double(next() >> 11) * 0x1.0p-53; }
    double between(double lo, double hi) { return lo + (hi - lo) * uniform(); }
    int integer(int lo, int hi) { return lo + int(next() % std::uint64_t(hi - lo + 1)); }  // inclusive
    bool chance(double p) { return uniform() < p; }
    template <class T>
    const T& pick(const std::vector<T>& v) {
        return v[next() % v.size()];
    }

private:
    std::uint64_t state_;
};

// A value with `digits` decimals, trailing zeros trimmed ("12.5", "3", "-0.25").
std::string num(double v, int digits = 3) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", digits, v);
    std::string s = buffer;
    if (s.find('.') != std::string::npos) {
        s.erase(s.find_last_not_of('0') + 1);
        if (s.back() == '.') s.pop_back();
    }
    if (s == "-0") s = "0";
    return s;
}

// A large value in short scientific notation ("1.76e+12").
std::string sci(double v) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.3g", v);
    return buffer;
}

using Group = std::vector<std::string>;  // one flag with its values: kept together when shuffled

struct Builder {
    Draw& draw;
    std::vector<Group> groups;
    std::vector<GeneratedFile> files;
    int budget = 48;  // product of sub-pixels², sources, φ steps, domains and layers at most this

    void add(Group g) { groups.push_back(std::move(g)); }
    // A count for a loop multiplier, within what is left of the budget.
    int count(int lo, int hi) {
        const int n = std::max(1, std::min(draw.integer(lo, hi), budget));
        budget = std::max(1, budget / n);
        return n;
    }
};

// Beam direction of each convention (docs/physics.md §3), for sources near the beam.
std::array<double, 3> beamOf(const std::string& convention) {
    if (convention == "-xds" || convention == "-dials" || convention == "-adxv") return {0, 0, 1};
    return {1, 0, 0};  // MOSFLM, DENZO (and the default)
}

}  // namespace

const std::vector<Family>& allFamilies() {
    static const std::vector<Family> all = {
        Family::Geometry,  Family::Rotations,  Family::Cell,       Family::Misset,       Family::Mosaic,
        Family::Phi,       Family::Divergence, Family::Dispersion, Family::SourceFile,   Family::Oversample,
        Family::Thickness, Family::Curved,     Family::PointPixel, Family::Polarization, Family::Shape,
        Family::Hkl,       Family::Water,      Family::Dmin,       Family::Roi,          Family::Flux};
    return all;
}

const char* familyName(Family f) {
    switch (f) {
        case Family::Geometry:
            return "geometry";
        case Family::Rotations:
            return "rotations";
        case Family::Cell:
            return "cell";
        case Family::Misset:
            return "misset";
        case Family::Mosaic:
            return "mosaic";
        case Family::Phi:
            return "phi";
        case Family::Divergence:
            return "divergence";
        case Family::Dispersion:
            return "dispersion";
        case Family::SourceFile:
            return "sourcefile";
        case Family::Oversample:
            return "oversample";
        case Family::Thickness:
            return "thickness";
        case Family::Curved:
            return "curved";
        case Family::PointPixel:
            return "point-pixel";
        case Family::Polarization:
            return "polarization";
        case Family::Shape:
            return "shape";
        case Family::Hkl:
            return "hkl";
        case Family::Water:
            return "water";
        case Family::Dmin:
            return "dmin";
        case Family::Roi:
            return "roi";
        case Family::Flux:
            return "flux";
    }
    return "?";
}

std::optional<Family> familyFromName(const std::string& name) {
    for (Family f : allFamilies())
        if (name == familyName(f)) return f;
    return std::nullopt;
}

std::vector<Family> selectFamilies(const std::string& list) {
    std::vector<Family> chosen, removed;
    for (std::size_t start = 0; start <= list.size();) {
        const std::size_t comma = std::min(list.find(',', start), list.size());
        const std::string word = list.substr(start, comma - start);
        start = comma + 1;
        if (word.empty()) continue;
        const bool exclude = word.front() == '-';
        const std::optional<Family> f = familyFromName(exclude ? word.substr(1) : word);
        if (!f) {
            std::string names;
            for (Family g : allFamilies()) names += std::string(names.empty() ? "" : ", ") + familyName(g);
            throw usageError("--families: unknown family '" + word + "' (families: " + names + ")");
        }
        (exclude ? removed : chosen).push_back(*f);
    }
    if (chosen.empty()) chosen = allFamilies();
    std::vector<Family> families;
    for (Family f : allFamilies())  // table order, whatever order the list used
        if (std::count(chosen.begin(), chosen.end(), f) && !std::count(removed.begin(), removed.end(), f))
            families.push_back(f);
    if (families.empty()) throw usageError("--families: '" + list + "' leaves no family to draw from");
    return families;
}

std::string Configuration::commandLine() const {
    std::string line;
    for (const std::string& f : flags) line += (line.empty() ? "" : " ") + f;
    return line;
}

Configuration drawConfiguration(std::uint64_t seed, int index, const GeneratorOptions& options) {
    Draw draw(seed * 0x9E3779B97F4A7C15ull ^ (std::uint64_t(index) + 1) * 0xD1B54A32D192ED03ull);
    Builder b{draw, {}, {}};
    Configuration c;
    c.seed = seed;
    c.index = index;
    const auto enabled = [&](Family f) {
        return std::find(options.families.begin(), options.families.end(), f) != options.families.end();
    };
    // Each enabled family is used with probability ~0.45, so draws mix a few features at a time.
    const auto use = [&](Family f) {
        if (!enabled(f) || !draw.chance(0.45)) return false;
        c.families.push_back(f);
        return true;
    };

    // Geometry first: the other families need the detector size, wavelength and convention.
    const int maxPixels = std::max(8, options.maxPixels);
    int fpixels = draw.integer(std::min(16, maxPixels), maxPixels), spixels = fpixels;
    double pixelMm = 0.1, distanceMm = 100, lambdaA = 1;
    std::string convention;
    if (use(Family::Geometry)) {
        if (draw.chance(0.3)) {
            spixels = draw.integer(std::min(16, maxPixels), maxPixels);
            b.add({"-detpixels_f", std::to_string(fpixels)});
            b.add({"-detpixels_s", std::to_string(spixels)});
        } else {
            b.add({"-detpixels", std::to_string(fpixels)});
        }
        pixelMm = std::stod(num(draw.between(0.05, 0.3)));
        b.add({"-pixel", num(pixelMm)});
        distanceMm = std::stod(num(draw.between(40, 250), 1));
        b.add({draw.chance(0.25) ? "-close_distance" : "-distance", num(distanceMm, 1)});
        convention = draw.pick<std::string>({"", "-mosflm", "-denzo", "-adxv", "-xds", "-dials"});
        if (!convention.empty()) b.add({convention});
        const double fMm = fpixels * pixelMm, sMm = spixels * pixelMm;
        const double roll = draw.uniform();
        if (roll < 0.3) {
            b.add({"-Xbeam", num(draw.between(0.2, 0.8) * fMm)});
            b.add({"-Ybeam", num(draw.between(0.2, 0.8) * sMm)});
        } else if (roll < 0.45) {
            b.add({"-ORGX", num(draw.between(0.2, 0.8) * fpixels, 2)});
            b.add({"-ORGY", num(draw.between(0.2, 0.8) * spixels, 2)});
        } else if (roll < 0.55) {
            b.add({"-Xclose", num(draw.between(0.2, 0.8) * fMm)});
            b.add({"-Yclose", num(draw.between(0.2, 0.8) * sMm)});
        }
        if (draw.chance(0.5)) {
            lambdaA = std::stod(num(draw.between(0.6, 2.0)));
            b.add({"-lambda", num(lambdaA)});
        } else if (draw.chance(0.2)) {
            const double eV = std::stod(num(draw.between(6000, 20000), 1));
            lambdaA = 12398.42 / eV;
            b.add({"-energy", num(eV, 1)});
        }
    } else {
        b.add({"-detpixels", std::to_string(fpixels)});
    }
    if (use(Family::Rotations)) {
        for (const char* axis : {"-detector_rotx", "-detector_roty", "-detector_rotz"})
            if (draw.chance(0.5)) b.add({axis, num(draw.between(-10, 10))});
        if (draw.chance(0.5)) b.add({"-twotheta", num(draw.between(0, 30))});
        if (draw.chance(0.3)) b.add({"-pivot", draw.chance(0.5) ? "beam" : "sample"});
    }

    // The crystal.
    double cellMaxA = 100;
    int nMax = 1;
    if (use(Family::Cell)) {
        const double a = std::stod(num(draw.between(30, 150), 2));
        if (draw.chance(0.3)) {
            b.add({"-cell", num(a, 2), num(a, 2), num(a, 2), "90", "90", "90"});
            cellMaxA = a;
        } else {
            const double bb = std::stod(num(draw.between(30, 150), 2)),
                         cc = std::stod(num(draw.between(30, 150), 2));
            b.add({"-cell", num(a, 2), num(bb, 2), num(cc, 2), num(draw.between(75, 105), 2),
                   num(draw.between(75, 105), 2), num(draw.between(75, 105), 2)});
            cellMaxA = std::max({a, bb, cc});
        }
        if (draw.chance(0.3)) {
            for (const char* axis : {"-Na", "-Nb", "-Nc"}) {
                const int n = draw.integer(1, 8);
                nMax = std::max(nMax, n);
                b.add({axis, std::to_string(n)});
            }
        } else {
            nMax = draw.integer(1, 8);
            b.add({"-N", std::to_string(nMax)});
        }
    } else {
        b.add({"-cell", "100", "100", "100", "90", "90", "90"});
        nMax = draw.integer(1, 5);
        b.add({"-N", std::to_string(nMax)});
    }
    if (use(Family::Misset)) {
        const std::string seedText = std::to_string(draw.integer(1, 999999));
        const double roll = draw.uniform();
        if (roll < 0.35) {
            b.add({"-misset", num(draw.between(-180, 180), 2), num(draw.between(-180, 180), 2),
                   num(draw.between(-180, 180), 2)});
        } else if (roll < 0.6) {
            b.add({"-misset", "random"});  // with its seed, as a group of its own: either order
            b.add({"-misset_seed", seedText});
        } else if (roll < 0.8) {
            b.add({"-misset_seed", seedText, "-misset", "random"});  // seed first: random with that seed
        } else {
            // docs/flags.md §1: -misset_seed N a b is also -misset N a b.
            b.add({"-misset_seed", seedText, num(draw.between(-90, 90), 1), num(draw.between(-90, 90), 1)});
        }
    }
    if (use(Family::Mosaic)) {
        b.add({"-mosaic", num(draw.between(0.05, 2))});
        b.add({"-mosaic_domains", std::to_string(b.count(1, 8))});
        if (draw.chance(0.7)) b.add({"-mosaic_seed", std::to_string(draw.integer(1, 999999))});
    }
    if (use(Family::Phi)) {
        b.add({"-phi", num(draw.between(0, 90), 2)});
        b.add({"-osc", num(draw.between(0.01, 1))});
        b.add({"-phisteps", std::to_string(b.count(1, 4))});
    }
    if (use(Family::Shape)) {
        b.add({draw.pick<std::string>({"-round_xtal", "-gauss_xtal", "-tophat_spots", "-square_xtal"})});
        if (draw.chance(0.5)) b.add({"-fudge", num(draw.between(0.5, 2))});
    }
    if (use(Family::Hkl)) {
        const int H = draw.integer(2, 6);
        std::string text;
        for (int h = -H; h <= H; ++h)
            for (int k = -H; k <= H; ++k)
                for (int l = -H; l <= H; ++l)
                    text += std::to_string(h) + " " + std::to_string(k) + " " + std::to_string(l) + " " +
                            num(draw.between(1, 1000), 2) + "\n";
        b.files.push_back({"P1.hkl", text});
        b.add({"-hkl", "P1.hkl"});
        const double roll = draw.uniform();
        if (roll < 0.3)
            b.add({"-interpolate"});
        else if (roll < 0.6)
            b.add({"-nointerpolate"});
        if (draw.chance(0.5)) b.add({"-default_F", num(draw.between(0, 500), 1)});
    } else {
        b.add({"-default_F", num(draw.between(1, 1000), 1)});
    }

    // The beam.
    bool sourceFile = false;
    if (use(Family::SourceFile)) {
        const auto beam = beamOf(convention);
        const int sources = b.count(1, 3);
        std::string text;
        for (int i = 0; i < sources; ++i) {
            for (int axis = 0; axis < 3; ++axis)
                text += num(-10 * beam[axis] + draw.between(-0.02, 0.02), 4) + " ";
            text += "1 " + num(lambdaA * draw.between(0.97, 1.03), 4) + "e-10\n";
        }
        b.files.push_back({"sources.txt", text});
        b.add({"-sourcefile", "sources.txt"});
        sourceFile = true;
    }
    if (!sourceFile && use(Family::Divergence)) {
        if (draw.chance(0.3)) {
            b.add({"-divergence", num(draw.between(0.1, 2))});
            b.add({"-divsteps", std::to_string(b.count(1, 3))});
        } else {
            b.add({"-hdivrange", num(draw.between(0, 2))});
            b.add({"-vdivrange", num(draw.between(0, 2))});
            b.add({"-hdivsteps", std::to_string(b.count(1, 3))});
            b.add({"-vdivsteps", std::to_string(b.count(1, 3))});
        }
        if (draw.chance(0.3)) b.add({"-square_div"});
    }
    if (!sourceFile && use(Family::Dispersion)) {
        b.add({"-dispersion", num(draw.between(0.1, 5))});
        b.add({"-dispsteps", std::to_string(b.count(1, 4))});
    }
    if (use(Family::Polarization)) {
        if (draw.chance(0.7))
            b.add({"-polar", num(draw.between(0, 1))});
        else
            b.add({"-nopolar"});
    }
    if (use(Family::Water)) b.add({"-water", num(draw.between(1, 500), 1)});
    if (use(Family::Dmin)) b.add({"-dmin", num(draw.between(1, 10), 2)});
    if (use(Family::Flux)) {
        if (draw.chance(0.7)) {
            b.add({"-flux", sci(draw.between(1e10, 1e13))});
            b.add({"-exposure", num(draw.between(0.01, 2))});
            b.add({"-beamsize", num(draw.between(0.01, 0.2))});
        } else {
            b.add({"-fluence", sci(draw.between(1e23, 1e25))});
        }
    }

    // The detector's sampling.
    if (use(Family::Thickness)) {
        b.add({"-detector_thick", num(draw.between(10, 500), 1)});
        b.add({"-detector_thicksteps", std::to_string(b.count(1, 3))});
        if (draw.chance(0.5)) b.add({"-detector_absorb", num(draw.between(10, 500), 1)});
    }
    if (use(Family::Curved)) b.add({"-curved_det", "1"});
    if (use(Family::PointPixel)) b.add({"-point_pixel"});
    if (use(Family::Oversample)) {
        const int n = draw.integer(1, 3);
        const int sub = std::max(1, std::min(n, int(std::sqrt(double(b.budget)))));
        b.budget = std::max(1, b.budget / (sub * sub));
        b.add({"-oversample", std::to_string(sub)});
        for (const char* flag : {"-oversample_thick", "-oversample_polar", "-oversample_omega"})
            if (draw.chance(0.3)) b.add({flag});
    } else {
        // The automatic count (docs/flags.md §3.12) grows with crystal size × pixel / (λ · distance):
        // pin it where it would make the run large.
        const double autoCount = std::ceil(3 * cellMaxA * nMax * pixelMm / (lambdaA * distanceMm));
        if (autoCount > 2) b.add({"-oversample", "1"});
    }
    if (use(Family::Roi)) {
        const int x0 = draw.integer(0, fpixels / 2), x1 = draw.integer(x0, fpixels - 1);
        const int y0 = draw.integer(0, spixels / 2), y1 = draw.integer(y0, spixels - 1);
        b.add({"-roi", std::to_string(x0), std::to_string(x1), std::to_string(y0), std::to_string(y1)});
    }

    // Groups in a random order: last-wins and substring effects (-misset_seed followed by other
    // flags) then show up as they would in people's command lines.
    for (std::size_t i = b.groups.size(); i > 1; --i) std::swap(b.groups[i - 1], b.groups[draw.next() % i]);
    for (const Group& g : b.groups) c.flags.insert(c.flags.end(), g.begin(), g.end());
    c.files = std::move(b.files);
    return c;
}

}  // namespace bragg::hunt
