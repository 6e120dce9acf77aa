#pragma once
// nanoBragg-compatible command-line parsing (docs/flags.md §1, §3.1), driven by FlagTable.h.
//
// Every recognised flag behaves as in the reference program: substring matching in table order
// (one argument may trigger several rows, e.g. -twotheta_axis also acts as -twotheta), early stop
// after -N/-Na/-Nb/-Nc/-oversample_*/-misset random, values not skipped (a value starting with
// '-' is itself tested as a flag), last occurrence wins, -img/-mask headers ingested first.
//
// Deliberate differences from the reference (BraggStudio reports problems instead of guessing):
//  * An argument starting with '-' that matches no flag and is not some flag's value is an error:
//    "unknown flag '-distanse' (did you mean -distance?)". The original ignores it.
//  * An argument not starting with '-' that is no flag's value is an error
//    ("unexpected argument 'x'"). The original ignores it.
//  * A flag followed by fewer arguments than it needs is an error ("-misset: needs 3 values").
//    The original ignores the flag (and reads past the end for -detector_abs/-detector_thick).
//    A row reached as a side effect of another flag's spelling is still ignored quietly, as in the
//    original ("-misset_seed 4" at the end is no -misset).
//  * -misset_seed N a b is also read as -misset N a b, with the original's atof (docs/flags.md §1,
//    corrected 2026-12), and a warning says so; as typed, -misset takes strict numbers.
//  * Values must be whole numbers in the C locale where a number is expected ("abc", "1x", "inf",
//    "nan" are errors); the original's atof/atoi read junk as 0. Integer flags still read the
//    atoi way ("-N 2.7" is 2, with a warning).
//  * Clearly invalid values are errors: non-positive -pixel/-lambda/-energy/-distance/
//    -close_distance/-detsize*, pixel counts outside 1..100000, -oversample above 100, cell counts
//    outside 0..100000, -mosaic_domains outside 1..1000000, step counts above 100000, empty file
//    names, -pivot other than beam/sample, -cell without any value.
//  * An unreadable or malformed -img/-mask file is an Input error (the original prints a message
//    and ignores the file, except for files shorter than 512 bytes).
//  * -curved_det as the last argument is ignored as in the original, but with a warning. The
//    argument after it is consumed unread ("-curved_det 1") unless it is a flag.
#include <string>
#include <vector>

#include "params/FlagTable.h"
#include "params/Params.h"

namespace bragg {

struct ParsedFlags {
    Params params;
    std::vector<std::string> warnings;  // one line each, for the user
};

// Throws bragg::Error (Usage for flags/values, Input for -img/-mask files). `args` excludes the
// program name.
ParsedFlags parseNanoBraggFlags(const std::vector<std::string>& args);

// The table rows an argument triggers, in order (early stop and guards applied). `next` is the
// argument after it, or nullptr.
std::vector<const FlagSpec*> matchingFlags(const std::string& arg, const std::string* next);

// "bragg simulate --help": one line per flag, grouped as in docs/flags.md §2.
std::string nanoBraggFlagsHelp();

// The inverse of parsing: a short flag list (non-default fields only) that parses back to `p`.
// Exact for any Params produced by parseNanoBraggFlags (with -img/-mask the files must still be
// readable). PhysicsFixes are not nanoBragg flags and are not emitted.
std::vector<std::string> toNanoBraggFlags(const Params& p);

}  // namespace bragg
