#pragma once
// What `bragg series` renders: the frames, each as the nanoBragg flags that reproduce it alone
// (`bragg simulate <flags>`), and which of them one shard of the work takes.
#include <optional>
#include <string>
#include <vector>

#include "params/Params.h"

namespace bragg::cli {

struct SeriesSpec {
    std::vector<std::string> flags;  // the nanoBragg flags after "--"
    std::optional<int> frames;       // --frames
    std::optional<double> phi0Deg;   // --phi0 (default: the flags' -phi)
    std::optional<double> oscDeg;    // --osc (default: the flags' -osc)
    std::string sweepFile;           // --sweep: one line of flag changes per frame
};

struct FramePlan {
    int index = 0;
    std::vector<std::string> flags;  // the series' flags, the sweep line's, then -phi -osc -seed
    Params params;                   // the flags, parsed
    long seed = 0;                   // the noise seed (-seed)
    std::optional<double> phiDeg;    // the frame's start angle, when the series rotates
};

struct SeriesPlan {
    std::vector<FramePlan> frames;
    bool rotates = false;
    bool swept = false;              // a --sweep file changes the flags per frame
    double phi0Deg = 0, oscDeg = 0;  // when it rotates
    long baseSeed = 1;               // the flags' -seed, else 1
};

// Every frame's flags, parsed and checked before anything renders. Throws Error(Usage) naming
// the option, the sweep file's line or the flag; Error(Input) for an unreadable sweep file.
SeriesPlan planSeries(const SeriesSpec& spec);

// Frame i's noise seed: a mix of the series' seed and i (so frames do not share a noise stream
// and each is reproducible alone), in 1 .. 2^31-2 as nanoBragg's ran1 wants.
long frameSeed(long baseSeed, int index);

// A deterministic share of the frames or cases: item i belongs to shard i mod count.
struct Shard {
    int index = 0, count = 1;
    bool owns(int item) const { return item % count == index; }
    std::string name() const;  // "I-of-N"
};
// "I/N" with 0 <= I < N; Error(Usage) naming --shard otherwise.
Shard parseShard(const std::string& text);

// A number as the flags carry it (%.12g: 0.1·3 is "0.3").
std::string flagNumber(double value);

}  // namespace bragg::cli
