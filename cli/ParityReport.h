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
    std::string status = "ERROR";  // PASS, BLOCKED or ERROR (no comparison could be made)
    std::string error;
    bool runnerFailed = false;
    std::vector<std::string> flags;         // as run (prepared)
    report::SideInfo reference, candidate;  // the sides it ran on (a case may name its own)
    int fpixels = 0, spixels = 0;
    long long steps = 0;
    std::optional<Comparison> comparison;
    std::optional<Comparison> golden;  // reference side vs the catalogue's golden image
    std::vector<EquivalentResult> equivalents;
    std::optional<BisectResult> bisect;
    std::vector<double> referenceSeconds, candidateSeconds;  // one per repeat
    std::vector<std::string> files;                          // written under cases/<id>/
    std::vector<std::string> problems;                       // why BLOCKED, one line each
};

struct VerdictFlip {
    std::string id, before, after;  // statuses; "absent" for new or removed cases
};

// A finished case as the report needs it, in JSON so that another MPI rank or a shard can hand it
// over: {"case": its summary.json entry, "reference_seconds"/"candidate_seconds": every repeat,
// "steps", "runner_failed", "markdown_row" and "markdown_failing" (its parts of summary.md),
// "lines" (what the terminal shows under its status line)}.
nlohmann::ordered_json caseRecord(const CaseResult& c);

// What a parity run is, apart from its cases: {"catalogue": {path, name}, "reference",
// "candidate" (the run's sides), "repeat"}.
nlohmann::ordered_json parityDescription(const ParityCatalogue& catalogue, const report::SideInfo& reference,
                                         const report::SideInfo& candidate, int repeat);

struct ParityRun {
    nlohmann::ordered_json description;         // parityDescription
    std::vector<nlohmann::ordered_json> cases;  // caseRecord of each case, in catalogue order
    std::optional<std::string> baselinePath;
    int baselineMatched = 0;  // cases present in both
    std::vector<VerdictFlip> flips;
    double wallSeconds = 0;
    std::string status() const;  // PASS only if every case passes
    int count(const std::string& status) const;
    bool runnerFailed() const;  // some case's runner failed
    int exitCode() const;       // kExitRunnerFailed, kExitPass or kExitBelowThreshold
};

// "[3/12] id  STATUS  reference 0.1 s, candidate 0.2 s" and the record's lines under it.
std::string caseProgressText(const nlohmann::ordered_json& record, std::size_t done, std::size_t total);

// Flips against an older parity summary.json (Error(Input) if it is not one).
void compareWithBaseline(ParityRun& run, const nlohmann::ordered_json& baseline, const std::string& path);
// The part of a summary.json that compareWithBaseline reads: {"cases": [{id, status}]}.
nlohmann::ordered_json baselineStatuses(const nlohmann::ordered_json& baseline, const std::string& path);

nlohmann::ordered_json summaryJson(const ParityRun& run);
nlohmann::ordered_json benchmarkJson(const ParityRun& run);
std::string summaryMarkdown(const ParityRun& run, const nlohmann::ordered_json& environment);

// summary.json, summary.md, env.json and benchmark_results.json in `outdir`, and the status line
// on stdout.
void writeParityReport(const std::string& outdir, const ParityRun& run);

}  // namespace bragg::cli
