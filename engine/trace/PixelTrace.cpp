#include "trace/PixelTrace.h"

namespace bragg {

std::string TraceSite::label() const {
    std::string s;
    auto add = [&s](const std::string& part) {
        if (!s.empty()) s += ' ';
        s += part;
    };
    if (layer >= 0) add("layer " + std::to_string(layer));
    if (subS >= 0) add("sub (" + std::to_string(subS) + "," + std::to_string(subF) + ")");
    if (source >= 0) add("source " + std::to_string(source));
    if (phi >= 0) add("phi " + std::to_string(phi));
    if (domain >= 0) add("domain " + std::to_string(domain));
    return s;
}

std::string TraceEntry::key() const {
    const std::string where = site.label();
    return where.empty() ? quantity : where + ": " + quantity;
}

const TraceEntry* PixelTrace::find(const std::string& key) const {
    for (const TraceEntry& e : entries)
        if (e.key() == key) return &e;
    return nullptr;
}

void PixelTracer::record(TraceId quantity, const Vec3& v) {
    const std::string q(traceQuantity(quantity).name);
    trace_.entries.push_back({site_, q + ".x", v[0]});
    trace_.entries.push_back({site_, q + ".y", v[1]});
    trace_.entries.push_back({site_, q + ".z", v[2]});
}

}  // namespace bragg
