#pragma once
// The one list of pixel-trace quantities: name, unit, the loop level it is recorded at, whether it
// is a vector (recorded as name.x, name.y, name.z) and what it is. Engines record these names; a
// port's JSON-lines trace (docs/trace-format.md) must use them.
#include <string>
#include <vector>

namespace bragg {

enum class TraceLevel { Pixel, Subpixel, Source, Term };  // term: one (φ step, mosaic domain)

// Each quantity by name, in the list's order: engines record these, never a spelled-out string.
enum class TraceId : int {
    IStart,
    P,
    R,
    D,
    Omega,
    Capture,
    Incident,
    Lambda,
    S,
    Stol,
    DminCut,
    Polar,
    H,
    K,
    L,
    H0,
    K0,
    L0,
    FLattA,
    FLattB,
    FLattC,
    FLatt,
    FCell,
    I,
    ISum,
    ReSquaredFluence,
    Steps,
    EndCapture,
    EndPolar,
    EndOmega,
    EndFactor,
    Water,
    Value,
};
inline constexpr int kTraceIdCount = int(TraceId::Value) + 1;

struct TraceQuantity {
    const char* name;
    const char* unit;
    TraceLevel level;
    bool vector;
    const char* meaning;
};

const std::vector<TraceQuantity>& traceQuantities();  // indexed by TraceId
const TraceQuantity& traceQuantity(TraceId id);
// The entry for a recorded name ("P.x" → P), or null.
const TraceQuantity* findTraceQuantity(const std::string& recordedName);
const char* toString(TraceLevel level);

}  // namespace bragg
