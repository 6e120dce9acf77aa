#pragma once
// Shrinking a failing nanoBragg flag list to a minimal one that still fails the same way (the
// caller's predicate says what "the same way" is; bragg hunt uses FailureSignature.h):
//  1. delta debugging (ddmin) over removal units,
//  2. removing units one at a time until none can go,
//  3. simplifying the values left (cell → cubic 100 Å 90°, counts → 1 or 2, detector smaller,
//     other decimals → 1 or 2 significant digits or whole numbers),
//  4. removing units one at a time again (simpler values can make more flags unnecessary).
// Every step re-runs the predicate; a candidate is kept only if it still fails. The order of the
// flags is never changed (last-wins and the substring quirks depend on it).
#include <functional>
#include <string>
#include <vector>

namespace bragg::hunt {

// One flag with its values ("-cell 70 80 90 75 85 95", "-misset random", "-Xbeam -3.5"): a word
// starting with '-' that is not a number starts a group, the words after it belong to it.
using FlagGroup = std::vector<std::string>;
std::vector<FlagGroup> splitFlagGroups(const std::vector<std::string>& flags);
std::vector<std::string> joinFlagGroups(const std::vector<FlagGroup>& groups);

// Removal units: indices into the groups, removed together. Groups one of whose flags also acts
// as another's (nanoBragg's substring matching, FlagParser's matchingFlags) share a unit:
// removing -misset while -misset_seed N stays would keep a misset (docs/flags.md §1), and
// removing -misset_seed after -misset random would leave an unseeded, clock-seeded orientation.
std::vector<std::vector<int>> removalUnits(const std::vector<FlagGroup>& groups);

// The simpler values tried for one group, simplest first (each a whole replacement group); empty
// if there is nothing to simplify (no numbers, seeds, file names, words).
std::vector<FlagGroup> simplerGroups(const FlagGroup& group);

// True if `flags` still fails the same way as the original configuration.
using StillFails = std::function<bool(const std::vector<std::string>& flags)>;

struct ShrinkOptions {
    int maxTests = 250;                   // predicate calls at most (then the best so far is returned)
    std::vector<std::string> pinned;      // flags never removed, only simplified (e.g. -detpixels)
    std::function<bool()> stopRequested;  // polled before each test: true stops shrinking
    std::function<void(const std::string&)> progress;  // one line per accepted step
};

struct ShrinkResult {
    std::vector<std::string> flags;  // the smallest failing list found
    int tests = 0;                   // predicate calls made (repeated lists are not re-run)
    bool complete = true;            // false: stopped by maxTests or stopRequested
};

// `flags` must fail (it is not tested again).
ShrinkResult shrinkFlags(const std::vector<std::string>& flags, const StillFails& stillFails,
                         const ShrinkOptions& options = {});

}  // namespace bragg::hunt
