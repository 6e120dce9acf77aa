#include "report/TraceJson.h"

#include <cmath>

#include "io/AtomicFile.h"

namespace bragg::report {
namespace {

nlohmann::json optionalInt(int v) { return v >= 0 ? nlohmann::json(v) : nlohmann::json(nullptr); }

nlohmann::json number(const std::optional<double>& v) {
    if (!v || !std::isfinite(*v)) return nullptr;
    return *v;
}

nlohmann::json siteJson(const TraceSite& s) {
    return {{"layer", optionalInt(s.layer)}, {"sub_s", optionalInt(s.subS)},
            {"sub_f", optionalInt(s.subF)},  {"source", optionalInt(s.source)},
            {"phi", optionalInt(s.phi)},     {"domain", optionalInt(s.domain)}};
}

}  // namespace

nlohmann::json traceJson(const PixelTrace& a, const PixelTrace& b, const TraceDiff& diff) {
    nlohmann::json rows = nlohmann::json::array();
    for (const TraceRow& r : diff.rows)
        rows.push_back({{"site", siteJson(r.site)},
                        {"quantity", r.quantity},
                        {"a", number(r.a)},
                        {"b", number(r.b)},
                        {"difference", r.a && r.b ? number(r.difference) : nlohmann::json(nullptr)},
                        {"diverges", r.diverges}});
    nlohmann::json first = nullptr;
    if (const TraceRow* r = diff.first())
        first = {{"index", diff.firstDivergence},
                 {"site", r->site.label()},
                 {"quantity", r->quantity},
                 {"a", number(r->a)},
                 {"b", number(r->b)},
                 {"difference", number(r->difference)}};
    return {{"pixel", {a.fast, a.slow}},
            {"engines", {a.engine, b.engine}},
            {"values", {a.value, b.value}},
            {"tolerance", diff.tolerance},
            {"compared", diff.compared},
            {"first_divergence", first},
            {"rows", rows}};
}

void writeTraceJson(const std::string& path, const PixelTrace& a, const PixelTrace& b,
                    const TraceDiff& diff) {
    io::writeFileAtomically(path, traceJson(a, b, diff).dump(1) + "\n");
}

}  // namespace bragg::report
