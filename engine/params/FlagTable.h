#pragma once
// The nanoBragg option table (docs/flags.md §2): one row per flag, in the reference program's test
// order. The parser (FlagParser.h), the --help text and the tests are all driven by this table.
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "params/Params.h"

namespace bragg {

// How an argument is tested against a pattern (docs/flags.md §1): Substring = the argument only has to
// contain the pattern; Exact = it must equal it (docs/flags.md §1; --help marks them [exact]).
enum class Match { Substring, Exact };

struct FlagPattern {
    std::string text;
    Match match = Match::Substring;
    bool matches(const std::string& arg) const;
};

// What a setter sees besides its values: the argument as typed (for messages), how many
// arguments follow it, and where to put warnings.
struct ParseContext {
    const std::string& flag;
    std::size_t following;
    std::vector<std::string>& warnings;
};

using FlagValues = std::vector<std::string>;
using FlagSetter = std::function<void(Params&, const FlagValues&, ParseContext&)>;
// Extra condition on the argument after the flag (nullptr if none), e.g. "-misset random".
using FlagGuard = std::function<bool(const std::string* next)>;

struct FlagSpec {
    std::string name;                   // canonical spelling: help, suggestions, toNanoBraggFlags
    std::vector<FlagPattern> patterns;  // the row matches an argument if any pattern does
    int arity = 0;                      // values read from the following arguments
    bool variadic = false;              // reads 1..arity values, stopping at one starting with '-'
    bool optionalValues = false;        // reads 0..arity values, stopping at a flag (not a number)
    const char* values = "";            // value names for help, e.g. "x y z"
    const char* units = "";
    const char* help = "";
    const char* group = "";  // Crystal, Beam, Detector, Output, Diagnostics
    FlagSetter apply;
    bool stopAfterMatch = false;  // no later row is tested against this argument
    FlagGuard guard;              // empty = always

    bool matches(const std::string& arg) const;
};

// The table, in the order rows are tested.
const std::vector<FlagSpec>& nanoBraggFlagTable();

// Help groups in display order.
const std::vector<const char*>& nanoBraggFlagGroups();

}  // namespace bragg
