#include "SeriesPlan.h"

#include <cstdint>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "core/Error.h"
#include "params/FlagParser.h"

namespace bragg::cli {
namespace {

// Each non-empty line that is not a '#' comment: one frame's flag changes.
std::vector<std::vector<std::string>> readSweep(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw inputError(path + ": cannot read the --sweep file");
    std::vector<std::vector<std::string>> rows;
    std::string line;
    while (std::getline(in, line)) {
        std::istringstream tokens(line);
        std::vector<std::string> row;
        for (std::string t; tokens >> t;) row.push_back(t);
        if (!row.empty() && row[0][0] != '#') rows.push_back(std::move(row));
    }
    if (rows.empty()) throw inputError(path + ": the --sweep file lists no frames");
    return rows;
}

Params parseFrameFlags(const std::vector<std::string>& flags, const std::string& where) {
    try {
        return parseNanoBraggFlags(flags).params;
    } catch (const Error& e) {
        throw Error(e.kind(), where + e.what());
    }
}

}  // namespace

std::string flagNumber(double value) {
    char text[64];
    std::snprintf(text, sizeof text, "%.12g", value);
    return text;
}

long frameSeed(long baseSeed, int index) {
    // splitmix64 of (seed, index): neighbouring seeds and frames give unrelated streams.
    std::uint64_t z = std::uint64_t(baseSeed) * 0x9E3779B97F4A7C15ull + std::uint64_t(index) + 1;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    z ^= z >> 31;
    return long(1 + z % 2147483646ull);
}

SeriesPlan planSeries(const SeriesSpec& spec) {
    if (spec.flags.empty()) throw usageError("no nanoBragg flags after '--' (see bragg series --help)");
    const Params base = parseFrameFlags(spec.flags, "");
    if (base.missetMode == MissetMode::Random && !base.missetSeed)
        throw usageError("-misset random: give -misset_seed too, so that every frame has the same crystal");
    std::vector<std::vector<std::string>> sweep;
    if (!spec.sweepFile.empty()) sweep = readSweep(spec.sweepFile);
    if (spec.frames && *spec.frames < 1) throw usageError("--frames: expected at least 1 frame");
    if (spec.frames && !sweep.empty() && *spec.frames != int(sweep.size()))
        throw usageError("--frames " + std::to_string(*spec.frames) + ": the --sweep file " + spec.sweepFile +
                         " lists " + std::to_string(sweep.size()) + " frames");
    if (!spec.frames && sweep.empty()) throw usageError("--frames: how many frames? (or --sweep FILE)");

    SeriesPlan plan;
    plan.rotates = sweep.empty() || spec.oscDeg;
    plan.swept = !sweep.empty();
    plan.phi0Deg = spec.phi0Deg.value_or(base.phi0Deg);
    if (plan.rotates) {
        if (!spec.oscDeg && !base.oscDeg)
            throw usageError("--osc: the oscillation per frame is needed (or -osc in the flags)");
        plan.oscDeg = spec.oscDeg.value_or(base.oscDeg.value_or(0));
        if (!(plan.oscDeg > 0))
            throw usageError("--osc: expected a positive angle in degrees, got " + flagNumber(plan.oscDeg));
    }
    plan.baseSeed = base.noiseSeed.value_or(1);
    const int count = sweep.empty() ? *spec.frames : int(sweep.size());
    for (int i = 0; i < count; ++i) {
        FramePlan f;
        f.index = i;
        f.flags = spec.flags;
        if (!sweep.empty()) f.flags.insert(f.flags.end(), sweep[i].begin(), sweep[i].end());
        if (plan.rotates) {
            f.phiDeg = plan.phi0Deg + i * plan.oscDeg;
            for (const std::string& s :
                 {std::string("-phi"), flagNumber(*f.phiDeg), std::string("-osc"), flagNumber(plan.oscDeg)})
                f.flags.push_back(s);
        }
        f.seed = frameSeed(plan.baseSeed, i);
        f.flags.push_back("-seed");
        f.flags.push_back(std::to_string(f.seed));
        const std::string where = sweep.empty() ? "" : spec.sweepFile + " frame " + std::to_string(i) + ": ";
        f.params = parseFrameFlags(f.flags, where);
        plan.frames.push_back(std::move(f));
    }
    return plan;
}

std::string Shard::name() const { return std::to_string(index) + "-of-" + std::to_string(count); }

Shard parseShard(const std::string& text) {
    Shard s;
    int used = 0;
    if (std::sscanf(text.c_str(), "%d/%d%n", &s.index, &s.count, &used) != 2 || used != int(text.size()) ||
        s.count < 1 || s.index < 0 || s.index >= s.count)
        throw usageError("--shard: expected I/N with 0 <= I < N, got '" + text + "'");
    return s;
}

}  // namespace bragg::cli
