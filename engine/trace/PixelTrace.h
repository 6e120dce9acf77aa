#pragma once
// A pixel's intermediate values as structured data (not text): every quantity an engine computes
// on its way to one pixel, tagged with where in the loop nest (layer, sub-pixel, source, φ step,
// mosaic domain) it was computed. Engines fill it from their own rendering code paths through a
// PixelTracer, so a trace shows what that engine really computed.
#include <string>
#include <vector>

#include "core/Vec3.h"
#include "trace/TraceQuantities.h"

namespace bragg {

// Where in the loop nest of docs/physics.md §13 a value belongs; -1 = not at that level.
struct TraceSite {
    int layer = -1, subS = -1, subF = -1, source = -1, phi = -1, domain = -1;
    bool operator==(const TraceSite&) const = default;
    std::string label() const;  // e.g. "layer 0 sub (1,0) source 2 phi 0 domain 3", "" for the pixel
};

struct TraceEntry {
    TraceSite site;
    std::string quantity;  // e.g. "h", "F_latt", "omega", "d.x"
    double value = 0;
    std::string key() const;  // site label + quantity: unique within a trace
};

struct PixelTrace {
    std::string engine;  // engine name (and kernel ISA for the optimized engine)
    int fast = 0, slow = 0;
    std::vector<TraceEntry> entries;  // in evaluation order
    double value = 0;                 // the pixel's value as rendered (float-rounded)
    const TraceEntry* find(const std::string& key) const;
};

// Collects entries while an engine evaluates one pixel. Engines call it only when tracing.
class PixelTracer {
public:
    explicit PixelTracer(int domains) : domains_(domains > 0 ? domains : 1) {}

    void atPixel() { site_ = TraceSite{}; }
    void atSubpixel(int layer, int subS, int subF) { site_ = TraceSite{layer, subS, subF}; }
    void atSource(int source) { site_.source = source, site_.phi = -1, site_.domain = -1; }
    void atTerm(int term) { site_.phi = term / domains_, site_.domain = term % domains_; }
    void leaveTerms() { site_.phi = -1, site_.domain = -1; }

    void record(TraceId quantity, double value) {
        trace_.entries.push_back({site_, traceQuantity(quantity).name, value});
    }
    void record(TraceId quantity, const Vec3& v);  // as name.x, name.y, name.z
    void record(TraceId quantity, const Vec3T<float>& v) { record(quantity, Vec3(v.cast<double>())); }

    PixelTrace& trace() { return trace_; }

private:
    int domains_;
    TraceSite site_;
    PixelTrace trace_;
};

}  // namespace bragg
