// bragg: the BraggStudio command-line tool. The verbs live in the bragg_cli library (cli/).
#include <malloc.h>

#include <string>
#include <vector>

#include "Commands.h"

int main(int argc, char** argv) {
    // Keep freed image buffers in the heap instead of returning them to the OS: each fresh
    // multi-megabyte mapping is page-faulted again, which on virtual machines can cost more
    // than rendering the image.
    mallopt(M_MMAP_THRESHOLD, 32 * 1024 * 1024);
    mallopt(M_TRIM_THRESHOLD, 256 * 1024 * 1024);
    return bragg::cli::run(std::vector<std::string>(argv + 1, argv + argc));
}
