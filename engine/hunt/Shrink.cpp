#include "hunt/Shrink.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <optional>
#include <set>

#include "io/CText.h"
#include "params/FlagParser.h"

namespace bragg::hunt {
namespace {

bool isFlagWord(const std::string& word) {
    return word.size() > 1 && word[0] == '-' && !io::parseStrictNumber(word);
}

// Significant digits of a number as written ("37.4" 3, "40" 1, "0.172" 3, "2e+12" 1): the
// simplicity measure every value simplification must strictly decrease, so shrinking ends.
int significantDigits(const std::string& text) {
    std::string digits;
    for (char ch : text.substr(0, text.find_first_of("eE")))
        if (ch >= '0' && ch <= '9') digits += ch;
    const std::size_t first = digits.find_first_not_of('0');
    if (first == std::string::npos) return 0;
    return int(digits.find_last_not_of('0') - first + 1);
}

double roundToSignificant(double x, int digits) {
    if (x == 0) return 0;
    const double scale = std::pow(10.0, std::floor(std::log10(std::fabs(x))) - digits + 1);
    return std::round(x / scale) * scale;
}

bool contains(const std::vector<std::string>& list, const std::string& word) {
    return std::find(list.begin(), list.end(), word) != list.end();
}

// Loop counts: 1, else 2 (cheap runs, and usually all a defect needs).
const std::vector<std::string> kCountFlags = {
    "-N",        "-Na",        "-Nb",        "-Nc",        "-mosaic_domains", "-phisteps",
    "-divsteps", "-hdivsteps", "-vdivsteps", "-dispsteps", "-oversample",     "-detector_thicksteps"};
// Detector pixel counts: smaller detectors.
const std::vector<std::string> kDetectorFlags = {"-detpixels", "-detpixels_f", "-detpixels_s"};
// Pixel indices, not magnitudes: left alone.
bool keepsItsValues(const std::string& flag) { return flag == "-roi"; }
// A seed is an identity, not a magnitude (-misset_seed N a b: only N).
bool isSeedValue(const std::string& flag, std::size_t v) {
    return v == 1 && flag.find("seed") != std::string::npos;
}

}  // namespace

std::vector<FlagGroup> splitFlagGroups(const std::vector<std::string>& flags) {
    std::vector<FlagGroup> groups;
    for (const std::string& word : flags) {
        if (groups.empty() || isFlagWord(word))
            groups.push_back({word});
        else
            groups.back().push_back(word);
    }
    return groups;
}

std::vector<std::string> joinFlagGroups(const std::vector<FlagGroup>& groups) {
    std::vector<std::string> flags;
    for (const FlagGroup& g : groups) flags.insert(flags.end(), g.begin(), g.end());
    return flags;
}

std::vector<std::vector<int>> removalUnits(const std::vector<FlagGroup>& groups) {
    const int n = int(groups.size());
    // The table rows each group's flag word triggers, and the row it names itself.
    std::vector<std::vector<std::string>> rows(n);
    std::vector<std::string> own(n);
    for (int i = 0; i < n; ++i) {
        if (!isFlagWord(groups[i][0])) continue;
        const std::string* next = groups[i].size() > 1 ? &groups[i][1]
                                  : i + 1 < n          ? &groups[i + 1][0]
                                                       : nullptr;
        for (const FlagSpec* row : matchingFlags(groups[i][0], next)) rows[i].push_back(row->name);
        own[i] = contains(rows[i], groups[i][0]) ? groups[i][0] : rows[i].empty() ? "" : rows[i].front();
    }
    std::vector<int> root(n);
    std::iota(root.begin(), root.end(), 0);
    const auto find = [&](int i) {
        while (root[i] != i) i = root[i] = root[root[i]];
        return i;
    };
    for (int i = 0; i < n; ++i)
        for (int j = 0; j < n; ++j)
            if (i != j && !own[j].empty() && own[j] != own[i] && contains(rows[i], own[j]))
                root[find(i)] = find(j);
    std::vector<std::vector<int>> units;
    std::vector<int> unitOfRoot(n, -1);
    for (int i = 0; i < n; ++i) {
        int& u = unitOfRoot[find(i)];
        if (u < 0) u = int(units.size()), units.emplace_back();
        units[u].push_back(i);
    }
    return units;
}

std::vector<FlagGroup> simplerGroups(const FlagGroup& group) {
    std::vector<FlagGroup> out;
    if (group.size() < 2 || !isFlagWord(group[0]) || keepsItsValues(group[0])) return out;
    const std::string& flag = group[0];
    const auto add = [&](FlagGroup g) {
        if (g != group && std::find(out.begin(), out.end(), g) == out.end()) out.push_back(std::move(g));
    };
    if (flag == "-cell" && group.size() == 7) {
        add({"-cell", "100", "100", "100", "90", "90", "90"});
        add({"-cell", group[1], group[2], group[3], "90", "90", "90"});
    }
    if (group.size() == 2 && isSeedValue(flag, 1)) return out;
    if (group.size() == 2 && (contains(kCountFlags, flag) || contains(kDetectorFlags, flag))) {
        const std::optional<double> n = io::parseStrictNumber(group[1]);
        if (!n) return out;
        const std::vector<int> smaller = contains(kCountFlags, flag)
                                             ? std::vector<int>{1, 2}
                                             : std::vector<int>{8, 16, 24, 32, int(*n) / 2};
        std::vector<int> sorted = smaller;
        std::sort(sorted.begin(), sorted.end());
        const int least = contains(kCountFlags, flag) ? 1 : 8;  // a detector of a few pixels says little
        for (int m : sorted)
            if (m >= least && m < *n) add({flag, std::to_string(m)});
        return out;
    }
    // Any other number: rounded to 1 or 2 significant digits or to a whole number, if that is
    // simpler and not zero (zero often means "off", or is invalid: removal already tried that).
    for (std::size_t v = 1; v < group.size(); ++v) {
        const std::optional<double> x = io::parseStrictNumber(group[v]);
        if (!x || *x == 0 || isSeedValue(flag, v)) continue;
        for (double r : {roundToSignificant(*x, 1), roundToSignificant(*x, 2), std::round(*x)}) {
            const std::string text = io::formatG(r);
            if (r == 0 || significantDigits(text) >= significantDigits(group[v])) continue;
            FlagGroup g = group;
            g[v] = text;
            add(std::move(g));
        }
    }
    return out;
}

namespace {

class Shrinker {
public:
    Shrinker(const std::vector<std::string>& flags, const StillFails& stillFails,
             const ShrinkOptions& options)
        : groups_(splitFlagGroups(flags)), stillFails_(stillFails), options_(options) {
        alive_.assign(groups_.size(), true);
        for (const std::vector<int>& unit : removalUnits(groups_)) {
            const bool pinned = std::any_of(unit.begin(), unit.end(),
                                            [&](int g) { return contains(options_.pinned, groups_[g][0]); });
            if (!pinned) units_.push_back(unit);
        }
        tried_.insert(flags);
    }

    ShrinkResult run() {
        deltaDebug();
        removeOneAtATime();
        simplifyValues();
        removeOneAtATime();
        return {current(), tests_, complete_};
    }

private:
    std::vector<std::string> current() const { return flagsWith(alive_); }

    std::vector<std::string> flagsWith(const std::vector<bool>& alive) const {
        std::vector<std::string> flags;
        for (std::size_t g = 0; g < groups_.size(); ++g)
            if (alive[g]) flags.insert(flags.end(), groups_[g].begin(), groups_[g].end());
        return flags;
    }

    // Runs the predicate unless the list was tried before or the budget is spent.
    bool test(const std::vector<std::string>& flags) {
        if (!tried_.insert(flags).second) return false;  // tried before: it did not fail (or it is current)
        if (tests_ >= options_.maxTests || (options_.stopRequested && options_.stopRequested())) {
            complete_ = false;
            return false;
        }
        ++tests_;
        return stillFails_(flags);
    }

    // The current list without the given units.
    std::vector<bool> without(const std::vector<int>& unitIndices) const {
        std::vector<bool> alive = alive_;
        for (int u : unitIndices)
            for (int g : units_[u]) alive[g] = false;
        return alive;
    }

    bool tryRemove(const std::vector<int>& unitIndices, const char* how) {
        const std::vector<bool> alive = without(unitIndices);
        if (!test(flagsWith(alive))) return false;
        std::string removed;
        for (int u : unitIndices)
            for (int g : units_[u])
                if (alive_[g]) removed += (removed.empty() ? "" : ", ") + groups_[g][0];
        alive_ = alive;
        note(std::string(how) + ": removed " + removed);
        return true;
    }

    std::vector<int> liveUnits() const {
        std::vector<int> live;
        for (std::size_t u = 0; u < units_.size(); ++u)
            if (alive_[units_[u][0]]) live.push_back(int(u));
        return live;
    }

    // Zeller's ddmin over the removable units: keep one chunk, else drop one chunk, refining.
    void deltaDebug() {
        std::vector<int> live = liveUnits();
        std::size_t n = 2;
        while (live.size() >= 2) {
            std::vector<std::vector<int>> chunks(n);
            for (std::size_t i = 0; i < live.size(); ++i) chunks[i * n / live.size()].push_back(live[i]);
            bool reduced = false;
            for (const std::vector<int>& chunk : chunks) {
                std::vector<int> rest;
                for (int u : live)
                    if (!std::count(chunk.begin(), chunk.end(), u)) rest.push_back(u);
                if (tryRemove(rest, "delta debugging")) {  // the chunk alone still fails
                    live = chunk, n = 2, reduced = true;
                    break;
                }
            }
            for (std::size_t c = 0; !reduced && n > 2 && c < chunks.size(); ++c) {
                if (tryRemove(chunks[c], "delta debugging")) {  // its complement still fails
                    live = liveUnits(), n = std::max<std::size_t>(n - 1, 2), reduced = true;
                }
            }
            if (reduced) continue;
            if (n >= live.size()) break;
            n = std::min(n * 2, live.size());
        }
    }

    void removeOneAtATime() {
        for (bool changed = true; changed;) {
            changed = false;
            for (int u : liveUnits()) changed |= tryRemove({u}, "one at a time");
        }
    }

    void simplifyValues() {
        for (std::size_t g = 0; g < groups_.size(); ++g) {
            if (!alive_[g]) continue;
            for (bool changed = true; changed;) {
                changed = false;
                for (const FlagGroup& simpler : simplerGroups(groups_[g])) {
                    const FlagGroup before = groups_[g];
                    groups_[g] = simpler;
                    if (test(current())) {
                        note("simplified " + join(before) + " → " + join(simpler));
                        changed = true;
                        break;
                    }
                    groups_[g] = before;
                }
            }
        }
    }

    static std::string join(const FlagGroup& g) {
        std::string s;
        for (const std::string& w : g) s += (s.empty() ? "" : " ") + w;
        return s;
    }

    void note(const std::string& line) const {
        if (options_.progress) options_.progress(line);
    }

    std::vector<FlagGroup> groups_;
    std::vector<bool> alive_;
    std::vector<std::vector<int>> units_;  // removable units only
    const StillFails& stillFails_;
    const ShrinkOptions& options_;
    std::set<std::vector<std::string>> tried_;
    int tests_ = 0;
    bool complete_ = true;
};

}  // namespace

ShrinkResult shrinkFlags(const std::vector<std::string>& flags, const StillFails& stillFails,
                         const ShrinkOptions& options) {
    return Shrinker(flags, stillFails, options).run();
}

}  // namespace bragg::hunt
