#pragma once
// A progress bar on stderr for renders longer than about a second, only when stderr is a TTY.
#include <atomic>
#include <chrono>
#include <thread>

#include "render/Engine.h"

namespace bragg::cli {

class ProgressBar {
public:
    explicit ProgressBar(const RenderControl& control, bool enabled);
    ~ProgressBar();  // stops the drawing thread and clears the line
    ProgressBar(const ProgressBar&) = delete;
    ProgressBar& operator=(const ProgressBar&) = delete;

private:
    void run();
    const RenderControl& control_;
    std::atomic<bool> done_{false};
    bool drew_ = false;
    std::thread thread_;
};

}  // namespace bragg::cli
