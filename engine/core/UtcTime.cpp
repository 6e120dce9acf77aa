#include "core/UtcTime.h"

#include <ctime>

namespace bragg {

std::string utcNow(const char* pattern) {
    const std::time_t t = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[64];
    return std::strftime(buf, sizeof buf, pattern, &tm) > 0 ? buf : "";
}

}  // namespace bragg
