#pragma once
// Two pixel traces aligned quantity by quantity (by site and name), and the first quantity whose
// values differ beyond a tolerance: where two implementations part.
#include <optional>
#include <string>
#include <vector>

#include "trace/PixelTrace.h"

namespace bragg {

struct TraceRow {
    TraceSite site;
    std::string quantity;
    std::optional<double> a, b;  // absent on a side that does not report this quantity
    double difference = 0;       // |a − b| / scale (0 when not compared), see diffTraces
    bool diverges = false;
};

struct TraceDiff {
    std::vector<TraceRow> rows;  // a's order, with b-only quantities next to their neighbours
    int firstDivergence = -1;    // index into rows, −1 if the traces agree
    int compared = 0;            // rows present on both sides
    double tolerance = 0;
    const TraceRow* first() const {
        return firstDivergence >= 0 ? &rows[std::size_t(firstDivergence)] : nullptr;
    }
};

// Rows differ when |a − b| > tolerance · max(|a|, |b|, s), with s the quantity's physical scale
// at that site: a vector component's vector length (S: at least 1/λ; d, incident: 1), 1 for
// h, k, l and for factors in [0, 1] (capture, polar, dmin_cut), 1/λ for stol, the largest value
// of that quantity in either trace for F_latt and its axes (standing in for their peak N) and
// for the running sum I (its total), and 0 (so the values' own magnitude) for everything else,
// e.g. F and the pixel's end values. F_latt and its axes compare by magnitude: only F_latt²
// enters I.
TraceDiff diffTraces(const PixelTrace& a, const PixelTrace& b, double tolerance = 1e-5);

// Keeps rows whose site matches every filter that is ≥ 0 (pixel-level rows always stay).
struct TraceFilter {
    int layer = -1, subS = -1, subF = -1, source = -1, phi = -1, domain = -1;
    bool accepts(const TraceSite& site) const;
};

}  // namespace bragg
