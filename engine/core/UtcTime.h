#pragma once
// The current UTC time as text, for the timestamps file headers carry.
#include <string>

namespace bragg {

// `strftime` pattern applied to now, in UTC (e.g. "%Y-%m-%dT%H:%M:%SZ").
std::string utcNow(const char* pattern);

}  // namespace bragg
