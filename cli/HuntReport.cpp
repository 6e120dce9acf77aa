#include "HuntReport.h"

#include <algorithm>
#include <cstdio>

#include "CompareExit.h"
#include "core/Error.h"
#include "io/AtomicFile.h"

namespace bragg::cli {
namespace {

using json = nlohmann::ordered_json;

constexpr const char* kSchema = "bragg-hunt/1";

std::string joined(const std::vector<std::string>& words, const char* separator = " ") {
    std::string s;
    for (const std::string& w : words) s += (s.empty() ? "" : separator) + w;
    return s;
}

// Finding ids whose configurations used `family`.
std::vector<int> findingsOf(const HuntState& s, const std::string& family) {
    std::vector<int> ids;
    for (const HuntFinding& f : s.findings)
        for (const HuntOccurrence& o : f.occurrences)
            if (std::count(o.families.begin(), o.families.end(), family)) {
                ids.push_back(f.id);
                break;
            }
    return ids;
}

std::string number(const json& j) {
    if (j.is_null()) return "n/a";
    if (j.is_string()) return j.get<std::string>();  // a non-finite pixel value ("NaN", "+inf")
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.6g", j.get<double>());
    return buffer;
}

}  // namespace

json toJson(const HuntOccurrence& o) {
    return {{"index", o.index},
            {"flags", o.flags},
            {"command", joined(o.flags)},
            {"families", o.families},
            {"failures", o.failures},
            {"inputs_dir", o.inputsDir.empty() ? json(nullptr) : json(o.inputsDir)}};
}

HuntOccurrence occurrenceFromJson(const json& j) {
    HuntOccurrence o;
    o.index = j.at("index").get<int>();
    o.flags = j.at("flags").get<std::vector<std::string>>();
    o.families = j.at("families").get<std::vector<std::string>>();
    o.failures = j.at("failures").get<std::vector<std::string>>();
    if (!j.at("inputs_dir").is_null()) o.inputsDir = j.at("inputs_dir").get<std::string>();
    return o;
}

json toJson(const HuntFinding& f) {
    json occurrences = json::array();
    for (const HuntOccurrence& o : f.occurrences) occurrences.push_back(toJson(o));
    return {{"id", f.id},
            {"kind", f.kind},
            {"failed_metrics", f.failedMetrics},
            {"flag_names", f.flagNames},
            {"minimal_flags", f.minimalFlags},
            {"minimal_command", joined(f.minimalFlags)},
            {"shrink_tests", f.shrinkTests},
            {"shrink_complete", f.shrinkComplete},
            {"result", f.result},
            {"occurrences", occurrences}};
}

HuntFinding findingFromJson(const json& f) {
    HuntFinding h;
    h.id = f.at("id").get<int>();
    h.kind = f.at("kind").get<std::string>();
    h.failedMetrics = f.at("failed_metrics").get<std::vector<std::string>>();
    h.flagNames = f.at("flag_names").get<std::vector<std::string>>();
    h.minimalFlags = f.at("minimal_flags").get<std::vector<std::string>>();
    h.shrinkTests = f.at("shrink_tests").get<int>();
    h.shrinkComplete = f.at("shrink_complete").get<bool>();
    h.result = f.at("result");
    for (const json& o : f.at("occurrences")) h.occurrences.push_back(occurrenceFromJson(o));
    return h;
}

int HuntState::failed() const {
    int n = 0;
    for (const HuntFinding& f : findings) n += int(f.occurrences.size());
    return n;
}

bool HuntState::anySideFailedToRun() const {
    return std::any_of(findings.begin(), findings.end(), [](const HuntFinding& f) {
        return f.kind == "reference-failed" || f.kind == "candidate-failed";
    });
}

json toJson(const HuntState& s) {
    json families = json::array();
    for (const std::string& name : s.settings.at("families").get<std::vector<std::string>>()) {
        const auto t = s.families.find(name);
        const FamilyTally tally = t == s.families.end() ? FamilyTally{} : t->second;
        families.push_back({{"family", name},
                            {"tried", tally.tried},
                            {"failed", tally.failed},
                            {"findings", findingsOf(s, name)}});
    }
    json findings = json::array();
    for (const HuntFinding& f : s.findings) findings.push_back(toJson(f));
    return {{"schema", kSchema},
            {"settings", s.settings},
            {"configs_requested", s.configsRequested ? json(*s.configsRequested) : json(nullptr)},
            {"time_budget_s", s.timeBudgetSeconds ? json(*s.timeBudgetSeconds) : json(nullptr)},
            {"configs_done", s.configsDone},
            {"stopped", s.stopped},
            {"elapsed_s", s.elapsedSeconds},
            {"failed", s.failed()},
            {"skipped", s.skipped},
            {"first_skip_reason", s.firstSkipReason.empty() ? json(nullptr) : json(s.firstSkipReason)},
            {"families", families},
            {"findings", findings},
            {"interrupted", s.interrupted ? toJson(*s.interrupted) : json(nullptr)}};
}

HuntState huntStateFromJson(const json& j, const std::string& path) {
    try {
        if (j.value("schema", "") != kSchema)
            throw inputError(path + ": not a bragg hunt report (schema " + kSchema + ")");
        HuntState s;
        s.settings = j.at("settings");
        if (!j.at("configs_requested").is_null()) s.configsRequested = j.at("configs_requested").get<int>();
        if (!j.at("time_budget_s").is_null()) s.timeBudgetSeconds = j.at("time_budget_s").get<double>();
        s.configsDone = j.at("configs_done").get<int>();
        s.stopped = j.at("stopped").get<std::string>();
        s.elapsedSeconds = j.at("elapsed_s").get<double>();
        s.skipped = j.at("skipped").get<int>();
        if (!j.at("first_skip_reason").is_null())
            s.firstSkipReason = j.at("first_skip_reason").get<std::string>();
        for (const json& f : j.at("families"))
            s.families[f.at("family").get<std::string>()] = {f.at("tried").get<int>(),
                                                             f.at("failed").get<int>()};
        for (const json& f : j.at("findings")) s.findings.push_back(findingFromJson(f));
        return s;
    } catch (const json::exception& e) {
        throw inputError(path + ": malformed hunt report: " + e.what());
    }
}

std::string huntMarkdown(const HuntState& s, const std::string& reproduce) {
    const json& settings = s.settings;
    std::string md = "# bragg hunt\n\n";
    md += "- reference: " + settings.at("reference").at("name").get<std::string>() + " (" +
          settings.at("reference").at("kind").get<std::string>() + ")\n";
    md += "- candidate: " + settings.at("candidate").at("name").get<std::string>() + " (" +
          settings.at("candidate").at("kind").get<std::string>() + ")\n";
    md += "- seed " + std::to_string(settings.at("seed").get<std::uint64_t>()) + ", detectors at most " +
          std::to_string(settings.at("size_max").get<int>()) + " pixels, base flags: `" +
          joined(settings.at("base_flags").get<std::vector<std::string>>()) + "`\n";
    char line[256];
    std::snprintf(line, sizeof line,
                  "- %d configurations (stopped: %s), %d failed, %d skipped, %zu findings, %.1f s\n\n",
                  s.configsDone, s.stopped.c_str(), s.failed(), s.skipped, s.findings.size(),
                  s.elapsedSeconds);
    md += line;
    if (s.skipped > 0)
        md += "Skipped configurations (bragg refused the flags), first: " + s.firstSkipReason + "\n\n";
    if (s.interrupted)
        md += "Interrupted while shrinking configuration " + std::to_string(s.interrupted->index) +
              " (`--resume` redoes it): `" + joined(s.interrupted->flags) + "`\n\n";

    md += "## Families\n\n| family | tried | failed | findings |\n|---|---|---|---|\n";
    const json families = toJson(s).at("families");
    for (const json& f : families) {
        std::string ids;
        for (const json& id : f.at("findings"))
            ids += (ids.empty() ? "" : ", ") + std::to_string(id.get<int>());
        md += "| " + f.at("family").get<std::string>() + " | " + std::to_string(f.at("tried").get<int>()) +
              " | " + std::to_string(f.at("failed").get<int>()) + " | " + ids + " |\n";
    }
    md += "\n## Findings\n\n";
    if (s.findings.empty()) md += "None: the two sides agree on every configuration tried.\n";
    // One defect can shrink to several flag sets (it may need -N 2 in one, -hkl in another): the
    // flags most findings share point at it.
    std::map<std::string, int> flagCounts;
    for (const HuntFinding& f : s.findings)
        for (const std::string& name : f.flagNames) ++flagCounts[name];
    std::vector<std::pair<std::string, int>> byCount(flagCounts.begin(), flagCounts.end());
    std::stable_sort(byCount.begin(), byCount.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    if (!byCount.empty()) {
        md += "Flags in the minimal command lines (findings with each):";
        for (const auto& [name, count] : byCount) md += " `" + name + "` " + std::to_string(count) + ",";
        md.back() = '\n';
        md += "\n";
    }
    const std::string base = joined(settings.at("base_flags").get<std::vector<std::string>>());
    for (const HuntFinding& f : s.findings) {
        md += "### Finding " + std::to_string(f.id) + ": " + f.kind +
              (f.failedMetrics.empty() ? "" : " (" + joined(f.failedMetrics, ", ") + ")") + ", " +
              std::to_string(f.occurrences.size()) + " configuration" +
              (f.occurrences.size() == 1 ? "" : "s") + "\n\n";
        const HuntOccurrence& first = f.occurrences.front();
        md += "Minimal command line (" + std::to_string(f.shrinkTests) + " shrinking tests" +
              (f.shrinkComplete ? "" : ", stopped early") + "):\n\n```\n" + reproduce + " -- " +
              (base.empty() ? "" : base + " ") + joined(f.minimalFlags) + "\n```\n\n";
        if (!first.inputsDir.empty())
            md += "Run it in `" + first.inputsDir + "` (the configuration's generated input files).\n\n";
        for (const json& failure : f.result.at("failures")) md += "- " + failure.get<std::string>() + "\n";
        const json& metrics = f.result.at("metrics");
        if (!metrics.is_null())
            md += "- pearson " + number(metrics.at("pearson")) + ", sum ratio " +
                  number(metrics.at("sum_ratio")) + ", max|diff| " + number(metrics.at("max_abs_diff")) +
                  " (relative " + number(metrics.at("max_abs_diff_rel")) + ")\n";
        const json& pixel = f.result.at("largest_difference");
        if (!pixel.is_null())
            md += "- largest difference at fast " + std::to_string(pixel.at("fast").get<int>()) + ", slow " +
                  std::to_string(pixel.at("slow").get<int>()) + ": reference " +
                  number(pixel.at("reference")) + ", candidate " + number(pixel.at("candidate")) + "\n";
        md += "\nFrom configuration " + std::to_string(first.index) + " (" + joined(first.families, ", ") +
              "):\n\n```\n" + joined(first.flags) + "\n```\n";
        if (f.occurrences.size() > 1) {
            md += "\nAlso configurations";
            for (std::size_t i = 1; i < f.occurrences.size(); ++i)
                md += (i == 1 ? " " : ", ") + std::to_string(f.occurrences[i].index);
            md += ".\n";
        }
        md += "\n";
    }
    return md;
}

int huntExitCode(const HuntState& state, bool brokenSide) {
    if (brokenSide || state.anySideFailedToRun()) return kExitRunnerFailed;
    return state.findings.empty() ? kExitPass : kExitBelowThreshold;
}

void writeHuntReport(const std::string& outdir, const HuntState& state, const std::string& reproduce) {
    io::writeFileAtomically(outdir + "/hunt.json", toJson(state).dump(2) + "\n");
    io::writeFileAtomically(outdir + "/hunt.md", huntMarkdown(state, reproduce));
}

}  // namespace bragg::cli
