#pragma once
// summary.json of one comparison — the schema `bragg compare` writes and the GUI exports:
// every metric, both sums, runtimes and speedup, arguments, binaries, ROI, thresholds, verdict.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "compare/Comparison.h"

namespace bragg::report {

inline constexpr const char* kCompareSchema = "bragg-compare/1";

// Where one side's image came from.
struct SideInfo {
    std::string kind;                     // "engine", "program" (external executable) or "file"
    std::string name;                     // engine name, program path or image path
    std::optional<double> seconds;        // wall time of the whole run (set-up + render + I/O)
    std::optional<double> renderSeconds;  // engines only: the render call
};

struct CompareSummary {
    Comparison comparison;
    SideInfo reference, candidate;
    std::vector<std::string> commandLine;         // the arguments of the tool that made it
    std::vector<std::string> flags;               // nanoBragg flags both sides ran with (if any)
    std::map<std::string, std::string> binaries;  // "bragg": its path, "reference": external program
    std::vector<std::string> files;               // images written beside summary.json
};

// reference time / candidate time, if both are known and positive.
std::optional<double> speedup(const SideInfo& reference, const SideInfo& candidate);

nlohmann::ordered_json toJson(const SideInfo& side);
nlohmann::ordered_json toJson(const CompareSummary& summary);

// Pretty-printed with a final newline, written atomically (Error(Input) on failure).
void writeJsonFile(const std::string& path, const nlohmann::ordered_json& j);

// Error(Input) naming the path if it cannot be read or is not JSON.
nlohmann::ordered_json readJsonFile(const std::string& path);

}  // namespace bragg::report
