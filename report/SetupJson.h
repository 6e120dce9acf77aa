#pragma once
// The set-up as JSON (docs/setup.md): what a port writes to {setupfile}, what `bragg simulate
// --setup-json` writes, and the "setup" part of summary.json.
#include <string>

#include <nlohmann/json.hpp>

#include "setup/Setup.h"

namespace bragg::report {

inline constexpr const char* kSetupSchema = "bragg-setup/1";

// {"schema": "bragg-setup/1", "quantities": {"mosaic_domains": 12, "fdet": [0, 0, 1], …}}
nlohmann::ordered_json toJson(const setup::Setup& s);
// Error(Input) naming `what` (the file) and the key for an unknown quantity or a value of the
// wrong type; a missing quantity is simply not compared.
setup::Setup setupFromJson(const nlohmann::ordered_json& j, const std::string& what);
setup::Setup readSetupFile(const std::string& path);

// {"reference": source, "candidate": source, "compared": N, "differences": [...], "line": "…"}
nlohmann::ordered_json toJson(const setup::SetupComparison& c);

}  // namespace bragg::report
