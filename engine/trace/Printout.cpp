#include "trace/Printout.h"

#include <algorithm>
#include <cstdlib>
#include <sstream>

namespace bragg {
namespace {

// The site of the original's last evaluation: every loop at its last index.
TraceSite lastSite(const Experiment& e) {
    TraceSite s;
    s.layer = e.detector.thickLayers - 1;
    s.subS = s.subF = e.detector.oversample - 1;
    s.source = int(e.beam.sources.size()) - 1;
    s.phi = e.crystal.phiSteps() - 1;
    s.domain = e.crystal.domains() - 1;
    return s;
}

// The words after `label` on `line` (label at the start, after spaces), or empty.
std::istringstream after(const std::string& line, const std::string& label) {
    const std::size_t start = line.find_first_not_of(' ');
    if (start == std::string::npos || line.compare(start, label.size(), label) != 0)
        return std::istringstream();
    return std::istringstream(line.substr(start + label.size()));
}

}  // namespace

std::vector<TraceEntry> parsePrintoutPixel(const std::string& output, const Experiment& e, int fast,
                                           int slow) {
    const TraceSite site = lastSite(e);
    TraceSite subpixel = site, source = site;  // where each quantity lives in this program's traces
    subpixel.source = subpixel.phi = subpixel.domain = -1;
    source.phi = source.domain = -1;
    std::vector<TraceEntry> entries;
    const auto add = [&](const TraceSite& at, const char* quantity, double value) {
        entries.push_back({at, quantity, value});
    };
    std::istringstream lines(output);
    bool inBlock = false;
    for (std::string line; std::getline(lines, line);) {
        // The block starts with "  F   S : stol = X or Y" for this pixel.
        std::istringstream head(line);
        int f = -1, s = -1;
        std::string colon, word, equals;
        double stol = 0;
        if (head >> f >> s >> colon >> word >> equals >> stol && colon == ":" && word == "stol") {
            inBlock = f == fast && s == slow;
            if (inBlock) add(source, "stol", stol);
            continue;
        }
        if (!inBlock) continue;
        double x = 0, y = 0, z = 0;
        if (auto in = after(line, "at "); in >> x >> y >> z) {
            add(subpixel, "P.x", x), add(subpixel, "P.y", y), add(subpixel, "P.z", z);
        } else if (auto in = after(line, "hkl= "); in >> x >> y >> z) {
            add(site, "h", x), add(site, "k", y), add(site, "l", z);
            std::string label;
            if (in >> label >> x >> y >> z && label == "hkl0=")
                add(site, "h0", x), add(site, "k0", y), add(site, "l0", z);
        } else if (auto in = after(line, "F_cell="); in >> x) {
            add(site, "F_cell", x);
            std::string label, eq;
            if (in >> label && label.rfind("F_latt=", 0) == 0) {
                add(site, "F_latt", std::strtod(label.c_str() + 7, nullptr));
                if (in >> label >> eq >> y && label == "I") add(site, "I", y);
            }
        } else if (auto in = after(line, "polar "); in >> x) {
            // Per evaluation with -oversample_polar, else the pixel's factor applied at the end
            // (and so for omega and the capture fraction).
            if (e.params.oversamplePolar)
                add(source, "polar", x);
            else
                add(TraceSite{}, "end_polar", x);
        } else if (auto in = after(line, "omega "); in >> x) {
            if (e.params.oversampleOmega)
                add(subpixel, "omega", x);
            else
                add(TraceSite{}, "end_omega", x);
        } else if (auto in = after(line, "capfrac "); in >> x) {
            if (e.params.oversampleThick)
                add(subpixel, "capture", x);
            else
                add(TraceSite{}, "end_capture", x);
        } else if (auto in = after(line, "pixel "); in >> x) {
            add(TraceSite{}, "value", x);
            inBlock = false;  // the block's last line
        }
    }
    // In the order an engine's trace records them: trace alignment follows the evaluation order.
    static const std::vector<std::string> kOrder = {
        "P.x", "P.y", "P.z", "omega",  "capture", "stol", "polar",       "h",         "k",         "l",
        "h0",  "k0",  "l0",  "F_latt", "F_cell",  "I",    "end_capture", "end_polar", "end_omega", "value"};
    const auto rank = [](const TraceEntry& e) {
        return std::find(kOrder.begin(), kOrder.end(), e.quantity) - kOrder.begin();
    };
    std::stable_sort(entries.begin(), entries.end(),
                     [&](const TraceEntry& x, const TraceEntry& y) { return rank(x) < rank(y); });
    return entries;
}

}  // namespace bragg
