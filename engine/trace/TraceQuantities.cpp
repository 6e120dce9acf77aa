#include "trace/TraceQuantities.h"

#include <cassert>

namespace bragg {

const std::vector<TraceQuantity>& traceQuantities() {
    using L = TraceLevel;
    static const std::vector<TraceQuantity> list = {
        {"I_start", "photons", L::Pixel, false, "running sum before any sub-pixel (the water background)"},
        {"P", "m", L::Subpixel, true, "sub-pixel position from the sample (lab frame)"},
        {"R", "m", L::Subpixel, false, "airpath |P|"},
        {"d", "", L::Subpixel, true, "diffracted unit vector P/R"},
        {"omega", "sr", L::Subpixel, false, "solid angle of the sub-pixel"},
        {"capture", "", L::Subpixel, false, "capture fraction of the layer"},
        {"incident", "", L::Source, true, "incident unit vector (source to sample)"},
        {"lambda", "m", L::Source, false, "wavelength"},
        {"S", "1/m", L::Source, true, "scattering vector (d - incident)/lambda"},
        {"stol", "1/m", L::Source, false, "sin(theta)/lambda = |S|/2"},
        {"dmin_cut", "", L::Source, false, "1 if cut by -dmin, else 0"},
        {"polar", "", L::Source, false, "polarization factor"},
        {"h", "", L::Term, false, "fractional Miller index h"},
        {"k", "", L::Term, false, "fractional Miller index k"},
        {"l", "", L::Term, false, "fractional Miller index l"},
        {"h0", "", L::Term, false, "nearest integer h"},
        {"k0", "", L::Term, false, "nearest integer k"},
        {"l0", "", L::Term, false, "nearest integer l"},
        {"F_latt_a", "", L::Term, false, "lattice factor along a"},
        {"F_latt_b", "", L::Term, false, "lattice factor along b"},
        {"F_latt_c", "", L::Term, false, "lattice factor along c"},
        {"F_latt", "", L::Term, false, "lattice factor (product of the three)"},
        {"F_cell", "electrons", L::Term, false, "structure factor amplitude"},
        {"I", "", L::Term, false, "running sum after this term"},
        {"I_sum", "", L::Pixel, false, "running sum after every term"},
        {"r_e2_fluence", "m^2 photons/m^2", L::Pixel, false, "r_e^2 times fluence"},
        {"steps", "", L::Pixel, false, "sources x domains x phi steps x oversample^2"},
        {"end_capture", "", L::Pixel, false, "capture fraction applied at the end"},
        {"end_polar", "", L::Pixel, false, "polarization factor applied at the end"},
        {"end_omega", "sr", L::Pixel, false, "solid angle applied at the end"},
        {"end_factor", "", L::Pixel, false, "product of the end factors"},
        {"water", "photons", L::Pixel, false, "water background added separately (corrected physics)"},
        {"value", "photons", L::Pixel, false, "the pixel's value"},
    };
    assert(list.size() == std::size_t(kTraceIdCount));
    return list;
}

const TraceQuantity& traceQuantity(TraceId id) { return traceQuantities()[std::size_t(id)]; }

const TraceQuantity* findTraceQuantity(const std::string& recorded) {
    for (const TraceQuantity& q : traceQuantities()) {
        if (recorded == q.name) return &q;
        if (q.vector && recorded.size() == std::char_traits<char>::length(q.name) + 2 &&
            recorded.compare(0, recorded.size() - 2, q.name) == 0 && recorded[recorded.size() - 2] == '.' &&
            std::string("xyz").find(recorded.back()) != std::string::npos)
            return &q;
    }
    return nullptr;
}

const char* toString(TraceLevel level) {
    switch (level) {
        case TraceLevel::Pixel:
            return "pixel";
        case TraceLevel::Subpixel:
            return "subpixel";
        case TraceLevel::Source:
            return "source";
        case TraceLevel::Term:
            return "term";
    }
    return "?";
}

}  // namespace bragg
