#pragma once
// Refuse a job that would not fit in memory instead of being killed half-way.
#include <cstddef>

namespace bragg {

// Bytes this process may use: MemAvailable from /proc/meminfo, or BRAGG_MEMORY_LIMIT_MB if set
// and smaller.
std::size_t memoryBudgetBytes();

// Throws Error(Resource) if an fpixels × spixels job (float image, the derived integer images and
// per-pixel caches) would exceed the budget.
void checkMemoryFor(long long fpixels, long long spixels, std::size_t extraBytes = 0);

}  // namespace bragg
