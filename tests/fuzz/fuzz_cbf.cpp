// libFuzzer target: the miniCBF reader (io::readMiniCbf), for Pilatus-style images.
// What one input does is bragg::fuzz::feedCbf (FuzzEntryPoints.h), shared with the regression test.
#include <cstddef>
#include <cstdint>

#include "FuzzEntryPoints.h"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    bragg::fuzz::setUpFuzzing();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    bragg::fuzz::feedCbf(data, size);
    return 0;
}
