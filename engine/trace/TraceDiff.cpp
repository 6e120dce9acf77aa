#include "trace/TraceDiff.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <unordered_map>

namespace bragg {
namespace {

bool bySign(const std::string& quantity) { return quantity.rfind("F_latt", 0) != 0; }

double comparable(const std::string& quantity, double v) { return bySign(quantity) ? v : std::fabs(v); }

}  // namespace

TraceDiff diffTraces(const PixelTrace& a, const PixelTrace& b, double tolerance) {
    TraceDiff diff;
    diff.tolerance = tolerance;
    std::map<std::string, double> scale;  // largest |value| per quantity name
    for (const PixelTrace* t : {&a, &b})
        for (const TraceEntry& e : t->entries)
            if (std::isfinite(e.value)) scale[e.quantity] = std::max(scale[e.quantity], std::fabs(e.value));

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
            const double x = comparable(e.quantity, e.value), y = comparable(e.quantity, b.entries[it->second].value);
            row.b = b.entries[it->second].value;
            const double s = std::max({std::fabs(x), std::fabs(y), scale[e.quantity]});
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
    return ok(layer, s.layer) && ok(subS, s.subS) && ok(subF, s.subF) && ok(source, s.source) && ok(phi, s.phi) &&
           ok(domain, s.domain);
}

}  // namespace bragg
