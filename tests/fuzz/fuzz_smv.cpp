// libFuzzer target: the SMV header and image reader (io::parseSmv).
// What one input does is bragg::fuzz::feedSmv (FuzzEntryPoints.h), shared with the regression test.
#include <cstddef>
#include <cstdint>

#include "FuzzEntryPoints.h"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    bragg::fuzz::setUpFuzzing();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    bragg::fuzz::feedSmv(data, size);
    return 0;
}
