#include "ParityReport.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>

#include "CompareExit.h"
#include "core/Error.h"
#include "io/AtomicFile.h"
#include "report/CompareJson.h"
#include "report/EnvInfo.h"

namespace bragg::cli {
namespace {

using json = nlohmann::ordered_json;
namespace fs = std::filesystem;

std::string fmt(const char* format, double v) {
    if (std::isnan(v)) return "nan";
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, format, v);
    return buffer;
}

double best(const std::vector<double>& times) {
    return times.empty() ? NAN : *std::min_element(times.begin(), times.end());
}
double first(const std::vector<double>& times) { return times.empty() ? NAN : times.front(); }
json number(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }

std::string joinFlags(const std::vector<std::string>& flags) {
    std::string text;
    for (const std::string& f : flags) text += (text.empty() ? "" : " ") + f;
    return text;
}

// Markdown table cells must not contain '|'.
std::string cell(std::string text) {
    for (std::size_t i = 0; (i = text.find('|', i)) != std::string::npos; i += 2) text.replace(i, 1, "\\|");
    return text;
}

std::vector<double> secondsOf(const json& record, const char* side) {
    return record.at(std::string(side) + "_seconds").get<std::vector<double>>();
}
const json& entryOf(const json& record) { return record.at("case"); }
std::string idOf(const json& record) { return entryOf(record).at("id").get<std::string>(); }
std::string statusOf(const json& record) { return entryOf(record).at("status").get<std::string>(); }

std::string goldenText(const CaseResult& c) {
    if (!c.spec || !c.spec->golden) return "-";
    if (!c.golden) return "ERROR";
    return std::string(toString(c.golden->verdict)) + " (" + fmt("%.7f", c.golden->metrics.pearson) + ")";
}

std::string equivalentsText(const CaseResult& c) {
    if (c.equivalents.empty()) return "-";
    const auto ok = std::count_if(c.equivalents.begin(), c.equivalents.end(),
                                  [](const EquivalentResult& e) { return e.passes(); });
    return std::to_string(ok) + "/" + std::to_string(c.equivalents.size());
}

void metricsTable(std::string& md, const Comparison& c, const char* label) {
    const BasicMetrics& m = c.metrics;
    md += "| " + std::string(label) + " | value | threshold |\n|---|---|---|\n";
    md += "| pearson | " + fmt("%.9g", m.pearson) + " | ≥ " + fmt("%g", c.thresholds.pearsonMin) + " |\n";
    md += "| sum reference / candidate | " + fmt("%.9g", m.sumA) + " / " + fmt("%.9g", m.sumB) + " | |\n";
    md +=
        "| sum ratio | " + fmt("%.9g", m.sumRatio) + " | 1 ± " + fmt("%g", c.thresholds.sumRatioTol) + " |\n";
    md += "| max\\|Δ\\| | " + fmt("%.6g", m.maxAbsDiff) + " at (" + std::to_string(m.maxAbsDiffFast) + ", " +
          std::to_string(m.maxAbsDiffSlow) + "), " + fmt("%.3g", c.maxAbsDiffRelative()) + " of max | " +
          (c.thresholds.maxAbsDiffRel > 0 ? "≤ " + fmt("%g", c.thresholds.maxAbsDiffRel) + " of max" : "-") +
          " |\n";
    md += "| rmse | " + fmt("%.6g", m.rmse) + " | |\n";
    md += "| peaks ref / cand, mean / max distance | " + std::to_string(c.peaks.peaksReference) + " / " +
          std::to_string(c.peaks.peaksCandidate) + ", " + fmt("%.3g", c.peaks.meanDistance) + " / " +
          fmt("%.3g", c.peaks.maxDistance) + " px, " + fmt("%.0f", 100 * c.peaks.fractionWithin1px) +
          "% within 1 px | " +
          (c.thresholds.peakDistanceMax >= 0 ? "mean ≤ " + fmt("%g", c.thresholds.peakDistanceMax) + " px"
                                             : "-") +
          " |\n\n";
    if (c.setup && !c.setup->differences.empty())
        md += "**Set-up differs** (" + c.setup->referenceSource + " vs " + c.setup->candidateSource +
              "; the most likely cause): " + setup::differencesText(c.setup->differences, 99) + "\n\n";
    if (c.regions && !c.regions->diagnosis.line.empty())
        md += "**Diagnosis:** " + c.regions->diagnosis.line + "\n\n";
    for (const std::string& line : whyLines(c)) {
        const std::size_t colon = line.find(':');
        md += "**" + line.substr(0, colon) + ":**" + line.substr(colon + 1) + "\n\n";
    }
}

void bisectSection(std::string& md, const BisectResult& b) {
    md += "**Bisection:** " + b.conclusion + "\n\n";
    if (b.quirks) md += "**Quirk attribution:** " + b.quirks->conclusion + "\n\n";
    if (b.trials.empty()) return;
    md += "| ablation | verdict | pearson | sum ratio | max\\|Δ\\| |\n|---|---|---|---|---|\n";
    for (const BisectTrial& t : b.trials) {
        if (t.comparison)
            md += "| " + describe(t.ablated) + " | " + toString(t.comparison->verdict) + " | " +
                  fmt("%.7g", t.comparison->metrics.pearson) + " | " +
                  fmt("%.7g", t.comparison->metrics.sumRatio) + " | " +
                  fmt("%.4g", t.comparison->metrics.maxAbsDiff) + " |\n";
        else
            md += "| " + describe(t.ablated) + " | ERROR | " + cell(t.error) + " | | |\n";
    }
    md += "\n";
}

// The case's row of summary.md's case table.
std::string markdownRow(const CaseResult& c) {
    std::string md = "| " + c.spec->id + " | **" + c.status + "** | ";
    if (c.comparison) {
        const Comparison& k = *c.comparison;
        md += fmt("%.7f", k.metrics.pearson) + " | " + fmt("%.6f", k.metrics.sumRatio) + " | " +
              fmt("%.2g", k.maxAbsDiffRelative()) + " | " + fmt("%.2f", k.peaks.meanDistance) + " (" +
              fmt("%.0f%%", 100 * k.peaks.fractionWithin1px) + ") | ";
    } else {
        md += "- | - | - | - | ";
    }
    md += goldenText(c) + " | " + equivalentsText(c) + " | " + fmt("%.3f", best(c.referenceSeconds)) + " | " +
          fmt("%.3f", best(c.candidateSeconds)) + " | " +
          fmt("%.2fx", best(c.referenceSeconds) / best(c.candidateSeconds)) + " |\n";
    return md;
}

// The case's section under "Failing cases" (empty if it passes).
std::string markdownFailing(const CaseResult& c) {
    if (c.status == "PASS") return {};
    std::string md = "### " + c.spec->id + ": " + c.status + "\n\n";
    if (!c.spec->covers.empty()) md += "covers: " + c.spec->covers + "\n\n";
    md += "flags: `" + joinFlags(c.flags.empty() ? c.spec->flags : c.flags) + "`\n\n";
    if (!c.error.empty()) md += "error: " + c.error + "\n\n";
    for (const std::string& p : c.problems) md += "- " + p + "\n";
    if (!c.problems.empty()) md += "\n";
    if (c.comparison && c.comparison->verdict == Verdict::Blocked)
        metricsTable(md, *c.comparison, "reference vs candidate");
    if (c.golden && c.golden->verdict == Verdict::Blocked)
        metricsTable(md, *c.golden, "reference vs golden image");
    for (const EquivalentResult& e : c.equivalents)
        if (e.comparison && !e.passes()) metricsTable(md, *e.comparison, ("equivalent " + e.id).c_str());
    if (c.bisect) bisectSection(md, *c.bisect);
    if (!c.files.empty()) {
        md += "images:";
        for (const std::string& f : c.files) md += " [" + f + "](cases/" + c.spec->id + "/" + f + ")";
        md += "\n\n";
    }
    return md;
}

// What the terminal shows under the case's status line.
std::vector<std::string> progressLines(const CaseResult& c) {
    std::vector<std::string> lines = c.problems;
    if (c.comparison)
        for (const std::string& w : whyLines(*c.comparison))
            if (std::none_of(c.problems.begin(), c.problems.end(),
                             [&](const std::string& p) { return p.ends_with(w); }))
                lines.push_back(w);  // not already a problem line
    if (c.bisect) lines.push_back("bisect: " + c.bisect->conclusion);
    if (c.bisect && c.bisect->quirks) lines.push_back("quirk attribution: " + c.bisect->quirks->conclusion);
    return lines;
}

json summaryEntry(const CaseResult& c) {
    json j = {{"id", c.spec->id},
              {"covers", c.spec->covers},
              {"status", c.status},
              {"problems", c.problems},
              {"flags", c.flags},
              {"reference", report::toJson(c.reference)},
              {"candidate", report::toJson(c.candidate)},
              {"size", {{"fast", c.fpixels}, {"slow", c.spixels}}},
              {"reference_seconds", number(best(c.referenceSeconds))},
              {"candidate_seconds", number(best(c.candidateSeconds))},
              {"speedup", number(best(c.referenceSeconds) / best(c.candidateSeconds))},
              {"files", c.files}};
    if (!c.error.empty()) j["error"] = c.error;
    if (c.comparison) j["comparison"] = report::toJson(*c.comparison);
    if (c.spec->golden) {
        j["golden"] = {{"path", *c.spec->golden}};
        if (c.golden) j["golden"].update(report::toJson(*c.golden));
    }
    json equivalents = json::array();
    for (const EquivalentResult& e : c.equivalents) {
        json ej = {{"id", e.id}, {"flags", e.flags}};
        if (e.comparison)
            ej.update(report::toJson(*e.comparison));
        else
            ej["error"] = e.error;
        equivalents.push_back(ej);
    }
    j["equivalents"] = equivalents;
    if (c.bisect) j["bisect"] = report::toJson(*c.bisect);
    if (c.bisect && c.bisect->quirks) j["quirk_attribution"] = c.bisect->quirks->conclusion;
    return j;
}

}  // namespace

json caseRecord(const CaseResult& c) {
    return {{"case", summaryEntry(c)},
            {"reference_seconds", c.referenceSeconds},
            {"candidate_seconds", c.candidateSeconds},
            {"steps", c.steps},
            {"runner_failed", c.runnerFailed},
            {"markdown_row", markdownRow(c)},
            {"markdown_failing", markdownFailing(c)},
            {"lines", progressLines(c)}};
}

json parityDescription(const ParityCatalogue& catalogue, const report::SideInfo& reference,
                       const report::SideInfo& candidate, int repeat) {
    return {{"catalogue", {{"path", catalogue.path}, {"name", catalogue.name}}},
            {"reference", report::toJson(reference)},
            {"candidate", report::toJson(candidate)},
            {"repeat", repeat}};
}

std::string caseProgressText(const json& record, std::size_t done, std::size_t total) {
    char head[160];
    std::snprintf(head, sizeof head, "[%zu/%zu] %-36s %-7s", done, total, idOf(record).c_str(),
                  statusOf(record).c_str());
    std::string text = head;
    const std::vector<double> reference = secondsOf(record, "reference"),
                              candidate = secondsOf(record, "candidate");
    if (!reference.empty())
        text += "  reference " + fmt("%.3f", reference.front()) + " s, candidate " +
                fmt("%.3f", first(candidate)) + " s";
    text += "\n";
    for (const json& line : record.at("lines")) text += "        " + line.get<std::string>() + "\n";
    return text;
}

std::string ParityRun::status() const {
    return std::all_of(cases.begin(), cases.end(), [](const json& c) { return statusOf(c) == "PASS"; })
               ? "PASS"
               : "BLOCKED";
}

int ParityRun::count(const std::string& s) const {
    return int(std::count_if(cases.begin(), cases.end(), [&](const json& c) { return statusOf(c) == s; }));
}

bool ParityRun::runnerFailed() const {
    return std::any_of(cases.begin(), cases.end(),
                       [](const json& c) { return c.at("runner_failed").get<bool>(); });
}

int ParityRun::exitCode() const {
    if (runnerFailed()) return kExitRunnerFailed;
    return status() == "PASS" ? kExitPass : kExitBelowThreshold;
}

json baselineStatuses(const json& baseline, const std::string& path) {
    if (!baseline.is_object() || !baseline.contains("cases") || !baseline["cases"].is_array())
        throw inputError(path + ": not a bragg parity summary.json (no 'cases')");
    json cases = json::array();
    for (const json& c : baseline["cases"])
        if (c.contains("id") && c.contains("status"))
            cases.push_back({{"id", c["id"]}, {"status", c["status"]}});
    return {{"cases", cases}};
}

void compareWithBaseline(ParityRun& run, const json& baseline, const std::string& path) {
    std::map<std::string, std::string> before;
    const json statuses = baselineStatuses(baseline, path);
    for (const json& c : statuses.at("cases"))
        before[c.at("id").get<std::string>()] = c.at("status").get<std::string>();
    run.baselinePath = path;
    run.flips.clear();
    run.baselineMatched = 0;
    for (const json& c : run.cases) {
        const std::string id = idOf(c), status = statusOf(c);
        const auto old = before.find(id);
        if (old == before.end()) {
            run.flips.push_back({id, "absent", status});
            continue;
        }
        ++run.baselineMatched;
        if (old->second != status) run.flips.push_back({id, old->second, status});
        before.erase(old);
    }
    for (const auto& [id, status] : before) run.flips.push_back({id, status, "absent"});
}

json summaryJson(const ParityRun& run) {
    json cases = json::array();
    for (const json& c : run.cases) cases.push_back(entryOf(c));
    json flips = json::array();
    for (const VerdictFlip& f : run.flips)
        flips.push_back({{"id", f.id}, {"before", f.before}, {"after", f.after}});
    const json& d = run.description;
    json j = {{"schema", "bragg-parity/1"},
              {"status", run.status()},
              {"catalogue", d.at("catalogue")},
              {"reference", d.at("reference")},
              {"candidate", d.at("candidate")},
              {"repeat", d.at("repeat")},
              {"totals",
               {{"cases", run.cases.size()},
                {"pass", run.count("PASS")},
                {"blocked", run.count("BLOCKED")},
                {"error", run.count("ERROR")}}},
              {"wall_seconds", run.wallSeconds},
              {"cases", cases}};
    if (run.baselinePath)
        j["baseline"] = {{"path", *run.baselinePath}, {"matched", run.baselineMatched}, {"flips", flips}};
    return j;
}

json benchmarkJson(const ParityRun& run) {
    const int repeat = run.description.at("repeat").get<int>();
    json cases = json::array();
    double totalRef = 0, totalCand = 0;
    for (const json& c : run.cases) {
        const std::vector<double> reference = secondsOf(c, "reference"),
                                  candidate = secondsOf(c, "candidate");
        if (reference.empty() || candidate.empty()) continue;
        const double ref = best(reference), cand = best(candidate);
        totalRef += ref, totalCand += cand;
        const json& size = entryOf(c).at("size");
        const int fpixels = size.at("fast").get<int>(), spixels = size.at("slow").get<int>();
        const long long steps = c.at("steps").get<long long>();
        const double work = double(fpixels) * spixels * double(steps);  // pixel·steps
        cases.push_back({{"id", idOf(c)},
                         {"pixels", fpixels * spixels},
                         {"steps", steps},
                         {"reference_seconds", reference},
                         {"candidate_seconds", candidate},
                         {"reference_best_seconds", ref},
                         {"candidate_best_seconds", cand},
                         {"speedup", number(ref / cand)},
                         {"candidate_pixel_steps_per_second", number(work / cand)},
                         {"candidate_cold_over_warm", number(repeat > 1 ? first(candidate) / cand : NAN)}});
    }
    return {
        {"schema", "bragg-benchmark/1"},
        {"reference", run.description.at("reference")},
        {"candidate", run.description.at("candidate")},
        {"repeat", repeat},
        {"timing",
         "wall seconds per side per run, set-up and image read-back included; best = minimum over repeats"},
        {"cases", cases},
        {"total",
         {{"reference_seconds", totalRef},
          {"candidate_seconds", totalCand},
          {"speedup", number(totalRef / totalCand)}}}};
}

std::string summaryMarkdown(const ParityRun& run, const json& env) {
    const json& d = run.description;
    const auto side = [&](const char* which) {
        return d.at(which).at("kind").get<std::string>() + " `" + d.at(which).at("name").get<std::string>() +
               "`";
    };
    const int repeat = d.at("repeat").get<int>();
    std::string md = "# Parity report: " + run.status() + "\n\n";
    md += "- catalogue: `" + d.at("catalogue").at("path").get<std::string>() + "` (" +
          d.at("catalogue").at("name").get<std::string>() + ")\n";
    md += "- reference: " + side("reference") + "; candidate: " + side("candidate") + "\n";
    md += "- " + std::to_string(run.cases.size()) + " cases: " + std::to_string(run.count("PASS")) +
          " PASS, " + std::to_string(run.count("BLOCKED")) + " BLOCKED, " +
          std::to_string(run.count("ERROR")) + " ERROR; wall time " + fmt("%.1f", run.wallSeconds) + " s\n";
    md += "- build: " + env.value("compiler", "") + ", " + env.value("build_type", "") + ", commit " +
          env.value("git_commit", "") + "; CPU " + env.value("cpu", "") + ", " +
          std::to_string(env.value("openmp_threads", 0)) + " OpenMP threads (details: env.json)\n\n";

    if (run.baselinePath) {
        md += "## Changes since baseline\n\nbaseline `" + *run.baselinePath +
              "`: " + std::to_string(run.baselineMatched) + " cases in both, " +
              std::to_string(run.flips.size()) + " verdict flips\n\n";
        if (!run.flips.empty()) {
            md += "| case | before | now | |\n|---|---|---|---|\n";
            for (const VerdictFlip& f : run.flips) {
                const char* what = f.before == "PASS"     ? "pass → fail"
                                   : f.after == "PASS"    ? "fail → pass"
                                   : f.before == "absent" ? "new case"
                                   : f.after == "absent"  ? "removed"
                                                          : "changed";
                md += "| " + f.id + " | " + f.before + " | " + f.after + " | " + what + " |\n";
            }
            md += "\n";
        }
    }

    md +=
        "## Cases\n\n| case | status | pearson | sum ratio | max\\|Δ\\|/max | peaks mean px (≤1 px) | golden "
        "| equivalent | "
        "reference s | candidate s | speedup |\n|---|---|---|---|---|---|---|---|---|---|---|\n";
    for (const json& c : run.cases) md += c.at("markdown_row").get<std::string>();

    const json bench = benchmarkJson(run);
    md +=
        "\n## Timings\n\nTotal (best of " + std::to_string(repeat) + "): reference " +
        fmt("%.3f", bench["total"]["reference_seconds"].get<double>()) + " s, candidate " +
        fmt("%.3f", bench["total"]["candidate_seconds"].get<double>()) + " s, speedup " +
        (bench["total"]["speedup"].is_null() ? "-" : fmt("%.2fx", bench["total"]["speedup"].get<double>())) +
        ". Per-case figures: benchmark_results.json.\n\n";
    if (repeat > 1) {
        double cold = 0, warm = 0;
        for (const json& c : run.cases)
            if (const std::vector<double> candidate = secondsOf(c, "candidate"); !candidate.empty())
                cold += first(candidate), warm += best(candidate);
        md += "Cache effectiveness (candidate, one engine instance for all runs): first runs " +
              fmt("%.3f", cold) + " s, best repeats " + fmt("%.3f", warm) + " s, cold/warm " +
              fmt("%.2f", warm > 0 ? cold / warm : NAN) + ".\n\n";
    } else {
        md += "Cache effectiveness: not measured (use --repeat 2 or more to time warm runs).\n\n";
    }

    bool any = false;
    for (const json& c : run.cases) {
        const std::string failing = c.at("markdown_failing").get<std::string>();
        if (failing.empty()) continue;
        if (!any) md += "## Failing cases\n\n";
        any = true;
        md += failing;
    }
    return md;
}

void writeParityReport(const std::string& outdir, const ParityRun& run) {
    const fs::path dir = outdir;
    const json env = report::environmentJson();
    report::writeJsonFile((dir / "env.json").string(), env);
    report::writeJsonFile((dir / "benchmark_results.json").string(), benchmarkJson(run));
    report::writeJsonFile((dir / "summary.json").string(), summaryJson(run));
    io::writeFileAtomically((dir / "summary.md").string(), summaryMarkdown(run, env));
    std::printf("parity: %s (%d of %zu cases pass); report in %s/summary.md\n", run.status().c_str(),
                run.count("PASS"), run.cases.size(), outdir.c_str());
}

}  // namespace bragg::cli
