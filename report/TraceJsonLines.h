#pragma once
// The JSON-lines pixel trace a port can write (docs/trace-format.md): one quantity per line, named
// from the one list (trace/TraceQuantities.h) with its unit and loop indices, so that `bragg
// trace` aligns it with an engine's trace and finds the first divergence as between our engines.
#include <string>

#include "trace/PixelTrace.h"

namespace bragg::report {

inline constexpr const char* kTraceLinesSchema = "bragg-trace/1";

// A header line {"trace": "bragg-trace/1", "engine": …, "pixel": [f, s]}, then one line per
// quantity: {"quantity": "P", "unit": "m", "value": [x, y, z], "layer": 0, "subpixel": [s, f],
// "source": 0, "phi": 0, "domain": 0} (indices only at the quantity's level and below).
std::string traceJsonLines(const PixelTrace& trace);

// Error(Input) naming `what` and the line for malformed JSON, an unknown quantity, a unit other
// than the list's, a vector without three numbers. Vectors become name.x/.y/.z entries.
PixelTrace parseTraceJsonLines(const std::string& text, const std::string& what);

}  // namespace bragg::report
