#include "report/CompareSummary.h"

#include <fstream>
#include <sstream>

#include "BuildInfo.h"
#include "core/Error.h"
#include "io/AtomicFile.h"
#include "report/CompareJson.h"

namespace bragg::report {

using json = nlohmann::ordered_json;

std::optional<double> speedup(const SideInfo& reference, const SideInfo& candidate) {
    if (!reference.seconds || !candidate.seconds || *reference.seconds <= 0 || *candidate.seconds <= 0)
        return std::nullopt;
    return *reference.seconds / *candidate.seconds;
}

json toJson(const SideInfo& side) {
    json j = {{"kind", side.kind}, {"name", side.name}};
    j["seconds"] = side.seconds ? json(*side.seconds) : json(nullptr);
    if (side.renderSeconds) j["render_seconds"] = *side.renderSeconds;
    return j;
}

json toJson(const CompareSummary& s) {
    json j = {{"schema", kCompareSchema},
              {"tool", {{"name", "bragg"}, {"version", build::version}, {"commit", build::gitCommit}}}};
    j.update(toJson(s.comparison));  // verdict, failures, size, roi, thresholds, metrics, peaks
    j["reference"] = toJson(s.reference);
    j["candidate"] = toJson(s.candidate);
    const std::optional<double> up = speedup(s.reference, s.candidate);
    j["runtimes"] = {{"reference_seconds", s.reference.seconds ? json(*s.reference.seconds) : json(nullptr)},
                     {"candidate_seconds", s.candidate.seconds ? json(*s.candidate.seconds) : json(nullptr)},
                     {"speedup", up ? json(*up) : json(nullptr)}};
    j["args"] = {{"command_line", s.commandLine}, {"flags", s.flags}};
    j["binaries"] = s.binaries;
    j["files"] = s.files;
    return j;
}

void writeJsonFile(const std::string& path, const json& j) {
    io::writeFileAtomically(path, j.dump(2) + "\n");
}

json readJsonFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw inputError(path + ": cannot open");
    std::ostringstream text;
    text << in.rdbuf();
    try {
        return json::parse(text.str());
    } catch (const json::parse_error& e) {
        throw inputError(path + ": not valid JSON: " + e.what());
    }
}

}  // namespace bragg::report
