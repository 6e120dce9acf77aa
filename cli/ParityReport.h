#pragma once
// The results of a parity run and the files that describe them: summary.json, summary.md,
// benchmark_results.json (env.json comes from report/EnvInfo.h).
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "ParityCatalogue.h"
#include "compare/Bisect.h"
#include "report/CompareSummary.h"

namespace bragg::cli {

struct EquivalentResult {
    std::string id;
    std::vector<std::string> flags;
    std::optional<Comparison> comparison;  // variant vs the case's own flags, both on the candidate side
    std::string error;
    bool passes() const { return comparison && comparison->verdict == Verdict::Pass; }
};

struct CaseResult {
    const ParityCase* spec = nullptr;
    std::string status = "ERROR";        // PASS, BLOCKED or ERROR (no comparison could be made)
    std::string error;
    bool runnerFailed = false;
    std::vector<std::string> flags;      // as run (prepared)
    report::SideInfo reference, candidate;  // the sides it ran on (a case may name its own)
    int fpixels = 0, spixels = 0;
    long long steps = 0;
    std::optional<Comparison> comparison;
    std::optional<Comparison> golden;    // reference side vs the catalogue's golden image
    std::vector<EquivalentResult> equivalents;
    std::optional<BisectResult> bisect;
    std::vector<double> referenceSeconds, candidateSeconds;  // one per repeat
    std::vector<std::string> files;      // written under cases/<id>/
    std::vector<std::string> problems;   // why BLOCKED, one line each
};

struct VerdictFlip {
    std::string id, before, after;  // statuses; "absent" for new or removed cases
};

struct ParityRun {
    const ParityCatalogue* catalogue = nullptr;
    report::SideInfo reference, candidate;
    int repeat = 1;
    std::vector<CaseResult> cases;
    std::optional<std::string> baselinePath;
    int baselineMatched = 0;        // cases present in both
    std::vector<VerdictFlip> flips;
    double wallSeconds = 0;
    std::string status() const;     // PASS only if every case passes
    int count(const std::string& status) const;
};

// Flips against an older parity summary.json (Error(Input) if it is not one).
void compareWithBaseline(ParityRun& run, const nlohmann::ordered_json& baseline, const std::string& path);

nlohmann::ordered_json summaryJson(const ParityRun& run);
nlohmann::ordered_json benchmarkJson(const ParityRun& run);
std::string summaryMarkdown(const ParityRun& run, const nlohmann::ordered_json& environment);

}  // namespace bragg::cli
