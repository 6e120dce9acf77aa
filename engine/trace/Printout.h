#pragma once
// The original program's diagnostic for one pixel, `-printout_pixel f s` (fast, slow; note that
// `-trace_pixel` takes slow, fast and prints nothing in the released build): after the render it
// prints that pixel's position, stol, h k l and nearest h0 k0 l0, F_cell, F_latt, I, polarization,
// solid angle, capture fraction and value — the values of its last evaluation (last layer,
// sub-pixel, source, φ step and mosaic domain). Parsed here into trace entries under the names
// and sites of this program's traces, so that `bragg trace` aligns them with an engine's.
#include <string>
#include <vector>

#include "model/Experiment.h"
#include "trace/PixelTrace.h"

namespace bragg {

// Entries for pixel (fast, slow) from a program's output; empty if it printed no block for it.
// Lines that do not parse are skipped (a port may print only some of them).
std::vector<TraceEntry> parsePrintoutPixel(const std::string& output, const Experiment& experiment, int fast,
                                           int slow);

}  // namespace bragg
