#pragma once
// One `bragg hunt` test: both sides on the base flags plus a configuration's flags, compared with
// the verdict thresholds, and how it failed (if it did).
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "CompareOptions.h"
#include "hunt/FailureSignature.h"

namespace bragg::cli {

struct Attempt {
    bool invalid = false;  // bragg's flag parser refused the flags: no side ran
    std::string invalidReason;
    hunt::FailureSignature signature;  // kind None: the sides agree
    // failures (lines), metrics (report::metricsJson, null if a side failed) and
    // largest_difference (fast, slow, both values; null if a side failed or they agree exactly).
    nlohmann::ordered_json result;
};

class PairAttempts {
public:
    PairAttempts(run::SidePair& sides, const MetricOptions& metrics, std::vector<std::string> baseFlags)
        : sides_(sides), metrics_(metrics), baseFlags_(std::move(baseFlags)) {}

    // `flags` come after the base flags. Relative input files resolve from the current directory.
    Attempt run(const std::vector<std::string>& flags);
    int runs() const { return runs_; }

private:
    run::SidePair& sides_;
    const MetricOptions& metrics_;
    std::vector<std::string> baseFlags_;
    int runs_ = 0;
};

}  // namespace bragg::cli
