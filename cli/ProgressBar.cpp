#include "ProgressBar.h"

#include <unistd.h>

#include <cstdio>

namespace bragg::cli {

ProgressBar::ProgressBar(const RenderControl& control, bool enabled) : control_(control) {
    if (enabled && isatty(STDERR_FILENO)) thread_ = std::thread([this] { run(); });
}

ProgressBar::~ProgressBar() {
    done_ = true;
    if (thread_.joinable()) thread_.join();
}

void ProgressBar::run() {
    using namespace std::chrono;
    const auto start = steady_clock::now();
    while (!done_) {
        std::this_thread::sleep_for(milliseconds(100));
        const double elapsed = duration<double>(steady_clock::now() - start).count();
        if (elapsed < 1.0) continue;
        const double fraction = control_.progress();
        const int width = 40, filled = int(fraction * width);
        std::fprintf(stderr, "\r[%.*s%*s] %3d%%  %.1f s", filled, "########################################",
                     width - filled, "", int(fraction * 100), elapsed);
        std::fflush(stderr);
        drew_ = true;
    }
    if (drew_) std::fprintf(stderr, "\r%*s\r", 60, "");
}

}  // namespace bragg::cli
