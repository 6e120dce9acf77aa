#pragma once
// What `bragg hunt` has found so far, as written to hunt.json (and read back by --resume) and
// hunt.md. The schema is documented in the README ("bragg hunt").
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace bragg::cli {

// A failing configuration (its own flags, without the base flags).
struct HuntOccurrence {
    int index = 0;
    std::vector<std::string> flags;
    std::vector<std::string> families;
    std::vector<std::string> failures;  // the comparison's failure lines, or the side's error
    std::string inputsDir;              // its generated input files, relative to the report; "" if none
};

// Failing configurations that shrank to the same kind and the same set of flag names.
struct HuntFinding {
    int id = 0;
    std::string kind;                        // hunt::toString(FailureKind): metrics, non-finite, …
    std::vector<std::string> failedMetrics;  // for "metrics": pearson, sum-ratio, max-diff, peaks
    std::vector<std::string>
        flagNames;  // sorted flag words of the minimal flags but the detector size: the merge key
    std::vector<std::string> minimalFlags;  // the first occurrence's shrunk flags (base flags not included)
    int shrinkTests = 0;
    bool shrinkComplete = true;
    // The minimal flags' run: failure lines, metrics (report::metricsJson) and the pixel of the
    // largest difference with both values (null for a side that failed to run).
    nlohmann::ordered_json result;
    std::vector<HuntOccurrence> occurrences;  // in configuration order; the first gave minimalFlags
};

struct FamilyTally {
    int tried = 0, failed = 0;
};

struct HuntState {
    // What the configurations and the verdicts depend on; --resume requires the same.
    nlohmann::ordered_json settings;
    std::optional<int> configsRequested;
    std::optional<double> timeBudgetSeconds;
    int configsDone = 0;  // configurations 0 … configsDone − 1 are finished
    int skipped = 0;      // refused by bragg's flag parser (base flags that do not combine, …)
    std::string firstSkipReason;
    std::string stopped = "count";  // "count", "time" (the --time budget) or "interrupted"
    double elapsedSeconds = 0;      // summed over resumed runs
    std::map<std::string, FamilyTally> families;
    std::vector<HuntFinding> findings;
    std::optional<HuntOccurrence> interrupted;  // failing, not yet shrunk when stopped: redone by --resume

    int failed() const;               // failing configurations (every one belongs to a finding)
    bool anySideFailedToRun() const;  // a finding of kind reference-failed / candidate-failed
};

nlohmann::ordered_json toJson(const HuntOccurrence& occurrence);
HuntOccurrence occurrenceFromJson(const nlohmann::ordered_json& j);  // json exceptions if malformed
nlohmann::ordered_json toJson(const HuntFinding& finding);
HuntFinding findingFromJson(const nlohmann::ordered_json& j);

nlohmann::ordered_json toJson(const HuntState& state);
// Throws Error(Input) naming `path` if the document is not a hunt.json.
HuntState huntStateFromJson(const nlohmann::ordered_json& j, const std::string& path);

// `reproduce`: the bragg compare command line for both sides, without the flags (they follow).
std::string huntMarkdown(const HuntState& state, const std::string& reproduce);

// 2 if a side failed to run (a finding of that kind, or `brokenSide`), 3 findings, else 0.
int huntExitCode(const HuntState& state, bool brokenSide);

// hunt.json and hunt.md in `outdir`, each written atomically.
void writeHuntReport(const std::string& outdir, const HuntState& state, const std::string& reproduce);

}  // namespace bragg::cli
