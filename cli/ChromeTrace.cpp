#include "ChromeTrace.h"

#include <nlohmann/json.hpp>

#include "io/AtomicFile.h"

namespace bragg::cli {

void ChromeTrace::add(const std::string& name, const std::string& category, Clock::time_point start,
                      double seconds, int thread) {
    const double startMicros = std::chrono::duration<double, std::micro>(start - origin_).count();
    events_.push_back({name, category, startMicros, seconds * 1e6, thread});
}

void ChromeTrace::write(const std::string& path) const {
    nlohmann::json events = nlohmann::json::array();
    for (const Event& e : events_)
        events.push_back({{"name", e.name},
                          {"cat", e.category},
                          {"ph", "X"},
                          {"ts", e.startMicros},
                          {"dur", e.durationMicros},
                          {"pid", 1},
                          {"tid", e.thread}});
    io::writeFileAtomically(path, nlohmann::json{{"traceEvents", events}, {"displayTimeUnit", "ms"}}.dump(1));
}

}  // namespace bragg::cli
