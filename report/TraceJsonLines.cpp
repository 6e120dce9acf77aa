#include "report/TraceJsonLines.h"

#include <sstream>

#include <nlohmann/json.hpp>

#include "core/Error.h"
#include "trace/TraceQuantities.h"

namespace bragg::report {

using json = nlohmann::ordered_json;

namespace {

json siteJson(const TraceSite& s) {
    json j = json::object();
    if (s.layer >= 0) j["layer"] = s.layer;
    if (s.subS >= 0) j["subpixel"] = {s.subS, s.subF};
    if (s.source >= 0) j["source"] = s.source;
    if (s.phi >= 0) j["phi"] = s.phi;
    if (s.domain >= 0) j["domain"] = s.domain;
    return j;
}

int index(const json& line, const char* key, const std::string& where) {
    if (!line.contains(key) || line[key].is_null()) return -1;
    if (!line[key].is_number_integer() || line[key].get<int>() < 0)
        throw inputError(where + ": \"" + key + "\" must be a non-negative integer");
    return line[key].get<int>();
}

}  // namespace

std::string traceJsonLines(const PixelTrace& t) {
    std::string out =
        json{{"trace", kTraceLinesSchema}, {"engine", t.engine}, {"pixel", {t.fast, t.slow}}}.dump() + "\n";
    for (std::size_t i = 0; i < t.entries.size(); ++i) {
        const TraceEntry& e = t.entries[i];
        const TraceQuantity* q = findTraceQuantity(e.quantity);
        json line = {{"quantity", q ? q->name : e.quantity}, {"unit", q ? q->unit : ""}};
        if (q && q->vector && i + 2 < t.entries.size()) {  // name.x, name.y, name.z in a row
            line["value"] = {e.value, t.entries[i + 1].value, t.entries[i + 2].value};
            i += 2;
        } else {
            line["value"] = e.value;
        }
        line.update(siteJson(e.site));
        out += line.dump() + "\n";
    }
    return out;
}

PixelTrace parseTraceJsonLines(const std::string& text, const std::string& what) {
    PixelTrace t;
    std::istringstream in(text);
    int number = 0;
    for (std::string raw; std::getline(in, raw);) {
        ++number;
        if (raw.find_first_not_of(" \t\r") == std::string::npos) continue;
        const std::string where = what + " line " + std::to_string(number);
        json line;
        try {
            line = json::parse(raw);
        } catch (const json::exception&) {
            throw inputError(where + ": not JSON");
        }
        if (!line.is_object()) throw inputError(where + ": expected an object");
        if (line.contains("trace")) {  // the header
            if (line["trace"] != kTraceLinesSchema)
                throw inputError(where + ": trace format " + line["trace"].dump() + ", expected \"" +
                                 kTraceLinesSchema + "\"");
            if (line.contains("engine") && line["engine"].is_string()) t.engine = line["engine"];
            if (line.contains("pixel") && line["pixel"].is_array() && line["pixel"].size() == 2)
                t.fast = line["pixel"][0].get<int>(), t.slow = line["pixel"][1].get<int>();
            continue;
        }
        if (!line.contains("quantity") || !line["quantity"].is_string())
            throw inputError(where + ": no \"quantity\"");
        const std::string name = line["quantity"];
        const TraceQuantity* q = findTraceQuantity(name);
        if (!q || name != q->name)
            throw inputError(where + ": unknown quantity '" + name + "' (docs/trace-format.md lists them)");
        if (line.contains("unit") && line["unit"] != q->unit)
            throw inputError(where + ": " + name + " in " + line["unit"].dump() + ", expected \"" + q->unit +
                             "\"");
        TraceSite site;
        site.layer = index(line, "layer", where);
        site.source = index(line, "source", where);
        site.phi = index(line, "phi", where);
        site.domain = index(line, "domain", where);
        if (line.contains("subpixel") && !line["subpixel"].is_null()) {
            const json& sub = line["subpixel"];
            if (!sub.is_array() || sub.size() != 2 || !sub[0].is_number_integer() ||
                !sub[1].is_number_integer())
                throw inputError(where + ": \"subpixel\" must be [s, f]");
            site.subS = sub[0], site.subF = sub[1];
        }
        const json& value = line.contains("value") ? line["value"] : json();
        if (q->vector) {
            if (!value.is_array() || value.size() != 3 || !value[0].is_number() || !value[1].is_number() ||
                !value[2].is_number())
                throw inputError(where + ": " + name + " needs three numbers");
            for (int c = 0; c < 3; ++c)
                t.entries.push_back({site, name + "." + "xyz"[c], value[std::size_t(c)].get<double>()});
        } else {
            if (!value.is_number()) throw inputError(where + ": " + name + " needs a number");
            t.entries.push_back({site, name, value.get<double>()});
        }
        if (name == "value") t.value = value.get<double>();
    }
    if (t.entries.empty()) throw inputError(what + ": no trace lines");
    return t;
}

}  // namespace bragg::report
