#pragma once
// trace.json: two pixel traces side by side (bragg trace, the app's trace panel export).
#include <nlohmann/json.hpp>
#include <string>

#include "trace/TraceDiff.h"

namespace bragg::report {

// {"pixel":[f,s], "engines":[a,b], "values":[va,vb], "tolerance":t, "compared":n,
//  "first_divergence": null | {index, site, quantity, a, b, difference},
//  "rows":[{"site":{layer,sub_s,sub_f,source,phi,domain}, "quantity", "a", "b", "difference", "diverges"}]}
// Absent values and sites below the row's level are null.
nlohmann::json traceJson(const PixelTrace& a, const PixelTrace& b, const TraceDiff& diff);

// Writes it atomically; throws bragg::Error(Input) if the file cannot be written.
void writeTraceJson(const std::string& path, const PixelTrace& a, const PixelTrace& b, const TraceDiff& diff);

}  // namespace bragg::report
