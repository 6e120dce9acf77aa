#pragma once
// Stage timings as a Chrome trace (chrome://tracing, Perfetto): one complete event per stage.
#include <chrono>
#include <string>
#include <vector>

namespace bragg::cli {

class ChromeTrace {
public:
    using Clock = std::chrono::steady_clock;
    ChromeTrace() : origin_(Clock::now()) {}
    // A stage that ran from `start` for `seconds`, on track `thread` (one per case/engine).
    void add(const std::string& name, const std::string& category, Clock::time_point start, double seconds,
             int thread = 1);
    void write(const std::string& path) const;  // atomically

private:
    struct Event {
        std::string name, category;
        double startMicros, durationMicros;
        int thread;
    };
    Clock::time_point origin_;
    std::vector<Event> events_;
};

}  // namespace bragg::cli
