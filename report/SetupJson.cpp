#include "report/SetupJson.h"

#include "core/Error.h"
#include "report/CompareSummary.h"

namespace bragg::report {

using json = nlohmann::ordered_json;

json toJson(const setup::Setup& s) {
    json quantities = json::object();
    for (const auto& [name, value] : s.values) {
        const setup::QuantityInfo* q = setup::findQuantity(name);
        if (q && q->kind == setup::Kind::Text)
            quantities[name] = value.text;
        else if (value.numbers.size() == 1 && name != "source_wavelengths_m" && name != "source_directions")
            quantities[name] = value.numbers.front();
        else
            quantities[name] = value.numbers;
    }
    return {{"schema", kSetupSchema}, {"quantities", quantities}};
}

setup::Setup setupFromJson(const json& j, const std::string& what) {
    if (!j.is_object() || !j.contains("quantities") || !j["quantities"].is_object())
        throw inputError(what + ": not a set-up file (expected {\"schema\": \"" + kSetupSchema +
                         "\", \"quantities\": {…}})");
    if (j.contains("schema") && j["schema"] != kSetupSchema)
        throw inputError(what + ": schema " + j["schema"].dump() + ", expected \"" + kSetupSchema + "\"");
    setup::Setup s;
    s.source = "file";
    for (const auto& [name, value] : j["quantities"].items()) {
        const setup::QuantityInfo* q = setup::findQuantity(name);
        if (!q)
            throw inputError(what + ": unknown set-up quantity '" + name + "' (docs/setup.md lists them)");
        if (q->kind == setup::Kind::Text) {
            if (!value.is_string()) throw inputError(what + ": '" + name + "' must be a string");
            s.setText(name, value.get<std::string>());
            continue;
        }
        std::vector<double> numbers;
        if (value.is_number()) {
            numbers.push_back(value.get<double>());
        } else if (value.is_array()) {
            for (const json& v : value) {
                if (!v.is_number()) throw inputError(what + ": '" + name + "' must hold numbers only");
                numbers.push_back(v.get<double>());
            }
        } else {
            throw inputError(what + ": '" + name + "' must be a number or an array of numbers");
        }
        s.setNumbers(name, std::move(numbers));
    }
    return s;
}

setup::Setup readSetupFile(const std::string& path) { return setupFromJson(readJsonFile(path), path); }

json toJson(const setup::SetupComparison& c) {
    json differences = json::array();
    for (const setup::Difference& d : c.differences)
        differences.push_back(
            {{"name", d.name}, {"label", d.label}, {"reference", d.reference}, {"candidate", d.candidate}});
    return {{"reference", c.referenceSource},
            {"candidate", c.candidateSource},
            {"compared", c.compared},
            {"differences", differences},
            {"line", c.line()}};
}

}  // namespace bragg::report
