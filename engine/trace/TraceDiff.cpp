#include "trace/TraceDiff.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <unordered_map>

namespace bragg {
namespace {

bool bySign(const std::string& quantity) { return quantity.rfind("F_latt", 0) != 0; }

double comparable(const std::string& quantity, double v) { return bySign(quantity) ? v : std::fabs(v); }

using Values = std::unordered_map<std::string, double>;  // entry key -> value

// F_latt's scale is its peak, N_a·N_b·N_c (N per axis): near its zeros, where a float lattice
// factor carries ~1e-7 of that peak, a value's own magnitude would call rounding a divergence.
// The running sum I's scale is the pixel's total. Neither is in the trace; the largest value of
// the quantity over both traces stands in.
bool scaledByTraceMaximum(const std::string& quantity) {
    return quantity.rfind("F_latt", 0) == 0 || quantity == "I";
}

Values valuesOf(const PixelTrace& t) {
    Values v;
    for (const TraceEntry& e : t.entries) v.emplace(e.key(), e.value);
    return v;
}

double lookup(const Values& v, const TraceSite& site, const std::string& quantity) {
    const auto it = v.find(TraceEntry{site, quantity, 0}.key());
    return it != v.end() && std::isfinite(it->second) ? it->second : 0.0;
}

double vectorLength(const Values& v, const TraceSite& site, const std::string& base) {
    const double x = lookup(v, site, base + ".x"), y = lookup(v, site, base + ".y"),
                 z = lookup(v, site, base + ".z");
    return std::sqrt(x * x + y * y + z * z);
}

// The physical scale of a quantity at one site (docs/trace-format.md): a vector component is
// judged against the vector's length (S against 1/λ, the sphere it lies on; d and incident are
// unit vectors), Miller indices and factors in [0, 1] against 1, anything else (intensities,
// F, R, ω) against its own magnitude. Never the largest value in the trace: with one sub-pixel
// that is the value itself, so 0 vs 1.7e-18 in P.x would count as a divergence.
double physicalScale(const std::string& quantity, const TraceSite& site, const Values& a, const Values& b,
                     const std::unordered_map<std::string, double>& traceMaximum) {
    static const std::set<std::string> unit = {"h",     "k",         "l",        "h0",      "k0",
                                               "l0",    "d",         "incident", "capture", "end_capture",
                                               "polar", "end_polar", "dmin_cut"};
    const std::size_t dot = quantity.find('.');
    const std::string base = quantity.substr(0, dot);
    if (unit.count(base)) return 1.0;
    auto inverseLambda = [&] {
        const double lambda =
            std::max(std::fabs(lookup(a, site, "lambda")), std::fabs(lookup(b, site, "lambda")));
        return lambda > 0 ? 1.0 / lambda : 0.0;
    };
    if (base == "stol") return inverseLambda();
    if (scaledByTraceMaximum(quantity)) {
        const auto it = traceMaximum.find(quantity);
        return it != traceMaximum.end() ? it->second : 0.0;
    }
    if (dot == std::string::npos) return 0.0;  // own magnitude only
    const double length = std::max(vectorLength(a, site, base), vectorLength(b, site, base));
    return base == "S" ? std::max(length, inverseLambda()) : length;
}

}  // namespace

TraceDiff diffTraces(const PixelTrace& a, const PixelTrace& b, double tolerance) {
    TraceDiff diff;
    diff.tolerance = tolerance;
    const Values valuesA = valuesOf(a), valuesB = valuesOf(b);
    std::unordered_map<std::string, double> traceMaximum;  // largest |value| per quantity name
    for (const PixelTrace* t : {&a, &b})
        for (const TraceEntry& e : t->entries)
            if (scaledByTraceMaximum(e.quantity) && std::isfinite(e.value))
                traceMaximum[e.quantity] = std::max(traceMaximum[e.quantity], std::fabs(e.value));

    std::unordered_map<std::string, std::size_t> inB;
    for (std::size_t j = 0; j < b.entries.size(); ++j) inB.emplace(b.entries[j].key(), j);
    std::vector<bool> usedB(b.entries.size(), false);
    std::size_t cursor = 0;  // b entries before it are emitted
    auto emitBOnlyUpTo = [&](std::size_t end) {
        for (; cursor < end; ++cursor)
            if (!usedB[cursor]) {
                const TraceEntry& e = b.entries[cursor];
                diff.rows.push_back({e.site, e.quantity, std::nullopt, e.value});
                usedB[cursor] = true;
            }
    };
    for (const TraceEntry& e : a.entries) {
        TraceRow row{e.site, e.quantity, e.value, std::nullopt};
        if (const auto it = inB.find(e.key()); it != inB.end() && !usedB[it->second]) {
            emitBOnlyUpTo(std::max(cursor, it->second));
            usedB[it->second] = true;
            cursor = std::max(cursor, it->second + 1);
            const double x = comparable(e.quantity, e.value),
                         y = comparable(e.quantity, b.entries[it->second].value);
            row.b = b.entries[it->second].value;
            const double s = std::max({std::fabs(x), std::fabs(y),
                                       physicalScale(e.quantity, e.site, valuesA, valuesB, traceMaximum)});
            const bool same = x == y || (std::isnan(x) && std::isnan(y));
            row.difference = same ? 0.0 : (s > 0 ? std::fabs(x - y) / s : INFINITY);
            row.diverges = !same && !(row.difference <= tolerance);
            ++diff.compared;
        }
        diff.rows.push_back(row);
        if (row.diverges && diff.firstDivergence < 0) diff.firstDivergence = int(diff.rows.size()) - 1;
    }
    emitBOnlyUpTo(b.entries.size());
    return diff;
}

bool TraceFilter::accepts(const TraceSite& s) const {
    auto ok = [](int want, int have) { return want < 0 || have < 0 || want == have; };
    return ok(layer, s.layer) && ok(subS, s.subS) && ok(subF, s.subF) && ok(source, s.source) &&
           ok(phi, s.phi) && ok(domain, s.domain);
}

}  // namespace bragg
