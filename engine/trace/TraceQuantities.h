#pragma once
// The one list of pixel-trace quantities: name, unit, the loop level it is recorded at, whether it
// is a vector (recorded as name.x, name.y, name.z) and what it is. Engines record these names; a
// port's JSON-lines trace (docs/trace-format.md) must use them.
#include <string>
#include <vector>

namespace bragg {

enum class TraceLevel { Pixel, Subpixel, Source, Term };  // term: one (φ step, mosaic domain)

struct TraceQuantity {
    const char* name;
    const char* unit;
    TraceLevel level;
    bool vector;
    const char* meaning;
};

const std::vector<TraceQuantity>& traceQuantities();
// The entry for a recorded name ("P.x" → P), or null.
const TraceQuantity* findTraceQuantity(const std::string& recordedName);
const char* toString(TraceLevel level);

}  // namespace bragg
