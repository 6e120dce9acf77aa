#pragma once
// Counts derived from user values (a range over a step, a size over a pixel size) become ints
// only through checkedCount: a NaN, infinite or absurdly large quotient is a Usage error naming
// its source, never an out-of-range conversion (undefined behaviour) or a giant allocation.
#include <cstdio>
#include <string>

#include "core/Error.h"

namespace bragg {

// `value` (already rounded as the rule says) as an int; Error(Usage) "<what> gives <value>, not a
// count between 0 and <max>" if it is NaN or outside [0, max].
inline int checkedCount(double value, int max, const std::string& what) {
    if (value >= 0 && value <= max) return int(value);
    char shown[32];
    std::snprintf(shown, sizeof shown, "%g", value);
    throw usageError(what + " gives " + shown + ", not a count between 0 and " + std::to_string(max));
}

}  // namespace bragg
