#pragma once
// What one configuration of a hunt came to, as the rank or shard that ran it hands it over, and
// how the configurations' results are added to the hunt's state in configuration order: the
// findings, their ids and their occurrences do not depend on who ran what, or when.
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "HuntReport.h"

namespace bragg::cli {

struct ConfigurationResult {
    enum class Outcome { Skipped, Agree, Failed, Interrupted };
    int index = 0;
    Outcome outcome = Outcome::Agree;
    std::string skipReason;                    // Skipped: why bragg refused the flags
    std::vector<std::string> families;         // Agree, Failed
    std::string kind = "none";                 // hunt::toString of its first run's FailureKind
    std::optional<HuntOccurrence> occurrence;  // Failed; Interrupted while shrinking
    std::optional<HuntFinding> finding;        // Failed: id 0, no occurrences yet
};

// {"index", "outcome": "skipped"|"agree"|"failed"|"interrupted", "skip_reason", "families",
// "kind", "occurrence", "finding"} (occurrence and finding as in hunt.json, or null).
nlohmann::ordered_json toJson(const ConfigurationResult& r);
ConfigurationResult configurationResultFromJson(
    const nlohmann::ordered_json& j);  // std::exception if malformed

// Adds each configuration's result to `state`, in order, as one process running them would.
class HuntFold {
public:
    HuntFold(HuntState& state, bool quiet, std::string outdir)
        : state_(state), quiet_(quiet), outdir_(std::move(outdir)) {}

    // `r` must be configuration state.configsDone. False if the hunt stops here: it was
    // interrupted (state.stopped says so), or a side failed to run on each of the first three
    // configurations (brokenSide()).
    bool add(const ConfigurationResult& r);
    bool brokenSide() const { return broken_; }

private:
    void addFinding(const ConfigurationResult& r);
    void say(const std::string& line) const;

    HuntState& state_;
    bool quiet_;
    std::string outdir_;              // for the broken-side message
    std::vector<std::string> kinds_;  // of the configurations added, skipped ones aside
    bool broken_ = false;
};

}  // namespace bragg::cli
