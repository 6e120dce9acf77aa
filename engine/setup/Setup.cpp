#include "setup/Setup.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace bragg::setup {

const std::vector<QuantityInfo>& quantities() {
    // tolerance: nanoBragg prints %g (6 significant digits, half a unit of the 6th = 5e-6
    // relative), vectors to 8 decimals; 2e-5 of the quantity's scale separates rounding from a
    // real difference. Counts and text must be equal.
    constexpr double printed = 2e-5;
    static const std::vector<QuantityInfo> list = {
        {"convention", Kind::Text, "", "convention", 0},
        {"pivot", Kind::Text, "", "pivot", 0},
        {"detector_pixels", Kind::Count, "", "detector pixels (fast, slow)", 0},
        {"mosaic_domains", Kind::Count, "", "mosaic domains", 0},
        {"mosaic_spread_deg", Kind::Number, "deg", "mosaic spread", printed},
        {"phi_steps", Kind::Count, "", "φ steps", 0},
        {"phi0_deg", Kind::Number, "deg", "φ0", printed},
        {"osc_deg", Kind::Number, "deg", "oscillation", printed},
        {"sources", Kind::Count, "", "sources", 0},
        {"source_wavelengths_m", Kind::Number, "m", "source wavelengths", printed},
        {"source_directions", Kind::Number, "", "source directions", printed},
        {"oversample", Kind::Count, "", "oversample", 0},
        {"thickness_layers", Kind::Count, "", "detector thickness layers", 0},
        {"cells", Kind::Count, "", "cells (Na, Nb, Nc)", 0},
        {"crystal_shape", Kind::Text, "", "crystal shape", 0},
        {"crystal_size_um", Kind::Number, "µm", "crystal size", printed},
        {"interpolation", Kind::Text, "", "interpolation", 0},
        {"curved_detector", Kind::Text, "", "curved detector", 0},
        {"distance_m", Kind::Number, "m", "distance", printed},
        {"pixel_size_m", Kind::Number, "m", "pixel size", printed},
        {"detector_size_m", Kind::Number, "m", "detector size", printed},
        {"beam_centre_m", Kind::Number, "m", "Xbeam/Ybeam", printed},
        {"fbeam_sbeam_m", Kind::Number, "m", "Fbeam/Sbeam", printed},
        {"close_point_m", Kind::Number, "m", "Xclose/Yclose", printed},
        {"fclose_sclose_m", Kind::Number, "m", "Fclose/Sclose", printed},
        {"fdet", Kind::Number, "", "detector fast axis", printed},
        {"sdet", Kind::Number, "", "detector slow axis", printed},
        {"odet", Kind::Number, "", "detector normal", printed},
        {"dials_origin_mm", Kind::Number, "mm", "DIALS origin", printed},
        {"beam_direction", Kind::Number, "", "beam direction", printed},
        {"spindle_axis", Kind::Number, "", "spindle axis", printed},
        {"polarization_normal", Kind::Number, "", "polarization plane normal", printed},
        {"cell_A_deg", Kind::Number, "Å, deg", "unit cell", printed},
        {"a_A", Kind::Number, "Å", "real-space a", printed},
        {"b_A", Kind::Number, "Å", "real-space b", printed},
        {"c_A", Kind::Number, "Å", "real-space c", printed},
        {"a_star_per_A", Kind::Number, "Å⁻¹", "reciprocal a*", printed},
        {"b_star_per_A", Kind::Number, "Å⁻¹", "reciprocal b*", printed},
        {"c_star_per_A", Kind::Number, "Å⁻¹", "reciprocal c*", printed},
        {"fluence_per_m2", Kind::Number, "photons/m²", "fluence", printed},
        {"kahn_factor", Kind::Number, "", "Kahn polarization factor", printed},
        {"sensor_thickness_m", Kind::Number, "m", "sensor thickness", printed},
        {"sensor_mu_per_m", Kind::Number, "1/m", "sensor attenuation μ", printed},
        {"roi_pixels", Kind::Count, "", "ROI (xmin, xmax, ymin, ymax)", 0},
    };
    return list;
}

const QuantityInfo* findQuantity(const std::string& name) {
    for (const QuantityInfo& q : quantities())
        if (name == q.name) return &q;
    return nullptr;
}

void Setup::set(const std::string& name, Value value) {
    for (auto& [n, v] : values)
        if (n == name) {
            v = std::move(value);
            return;
        }
    values.emplace_back(name, std::move(value));
}

const Value* Setup::find(const std::string& name) const {
    for (const auto& [n, v] : values)
        if (n == name) return &v;
    return nullptr;
}

namespace {

// Below this the scale is rounding noise of a printed zero ("-0", 1e-17): judged against 1e-12.
constexpr double kSmallestScale = 1e-12;

bool same(const QuantityInfo& q, const Value& a, const Value& b) {
    if (q.kind == Kind::Text) return a.text == b.text;
    if (a.numbers.size() != b.numbers.size()) return false;
    double scale = kSmallestScale;
    for (std::size_t i = 0; i < a.numbers.size(); ++i)
        scale = std::max({scale, std::fabs(a.numbers[i]), std::fabs(b.numbers[i])});
    for (std::size_t i = 0; i < a.numbers.size(); ++i) {
        const double d = std::fabs(a.numbers[i] - b.numbers[i]);
        if (!(d <= q.tolerance * scale)) return false;  // NaN differs
    }
    return true;
}

}  // namespace

std::string valueText(const QuantityInfo& q, const Value& v) {
    if (q.kind == Kind::Text) return v.text;
    constexpr std::size_t kShown = 6;
    std::string text;
    char buffer[32];
    for (std::size_t i = 0; i < v.numbers.size() && i < kShown; ++i) {
        std::snprintf(buffer, sizeof buffer, "%s%.6g", i ? " " : "", v.numbers[i]);
        text += buffer;
    }
    if (v.numbers.size() > kShown) text += " … (" + std::to_string(v.numbers.size()) + " values)";
    if (*q.unit) text += std::string(" ") + q.unit;
    return text;
}

std::vector<Difference> compareSetups(const Setup& reference, const Setup& candidate) {
    std::vector<Difference> out;
    for (const QuantityInfo& q : quantities()) {
        const Value *r = reference.find(q.name), *c = candidate.find(q.name);
        if (!r || !c || same(q, *r, *c)) continue;
        out.push_back({q.name, q.label, valueText(q, *r), valueText(q, *c)});
    }
    return out;
}

std::string differencesText(const std::vector<Difference>& differences, std::size_t shown) {
    std::string text;
    for (std::size_t i = 0; i < differences.size() && i < shown; ++i) {
        const Difference& d = differences[i];
        text += (i ? "; " : "") + d.label + " " + d.reference + " vs " + d.candidate;
    }
    if (differences.size() > shown) text += "; and " + std::to_string(differences.size() - shown) + " more";
    return text;
}

}  // namespace bragg::setup

namespace bragg::setup {

std::string SetupComparison::line() const {
    return differences.empty() ? std::string() : "set-up differs: " + differencesText(differences);
}

SetupComparison compareSetupsOf(const Setup& reference, const Setup& candidate) {
    SetupComparison c;
    c.referenceSource = reference.source;
    c.candidateSource = candidate.source;
    for (const QuantityInfo& q : quantities()) c.compared += reference.find(q.name) && candidate.find(q.name);
    c.differences = compareSetups(reference, candidate);
    return c;
}

}  // namespace bragg::setup
