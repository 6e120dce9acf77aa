#include "core/MemoryGuard.h"

#include <cstdlib>
#include <fstream>
#include <string>

#include "core/Error.h"

namespace bragg {

std::size_t memoryBudgetBytes() {
    std::size_t budget = std::size_t(1) << 62;
    std::ifstream meminfo("/proc/meminfo");
    std::string key;
    std::size_t valueKb = 0;
    std::string unit;
    while (meminfo >> key >> valueKb >> unit) {
        if (key == "MemAvailable:") {
            budget = valueKb * 1024;
            break;
        }
    }
    if (const char* cap = std::getenv("BRAGG_MEMORY_LIMIT_MB")) {
        const double mb = std::atof(cap);
        if (mb > 0 && mb * 1024 * 1024 < double(budget)) budget = std::size_t(mb * 1024 * 1024);
    }
    return budget;
}

void checkMemoryFor(long long fpixels, long long spixels, std::size_t extraBytes) {
    if (fpixels <= 0 || spixels <= 0)
        throw Error(ErrorKind::Usage, "detector has no pixels (" + std::to_string(fpixels) + "x" +
                                          std::to_string(spixels) + ")");
    // float image + int image + noise image + PGM + mask + an optimized-engine cache (~48 B/pixel).
    const double perPixel = 4 + 2 + 2 + 1 + 2 + 48;
    const double needed = double(fpixels) * double(spixels) * perPixel + double(extraBytes);
    const double budget = double(memoryBudgetBytes());
    if (needed > budget)
        throw Error(ErrorKind::Resource,
                    "detector " + std::to_string(fpixels) + "x" + std::to_string(spixels) + " needs about " +
                        std::to_string(static_cast<long long>(needed / 1048576)) + " MB, only " +
                        std::to_string(static_cast<long long>(budget / 1048576)) +
                        " MB available (set BRAGG_MEMORY_LIMIT_MB to change the cap)");
}

}  // namespace bragg
