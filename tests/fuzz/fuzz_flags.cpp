// libFuzzer target: the nanoBragg flag parser and the derivation of its result.
// What one input does is bragg::fuzz::feedFlags (FuzzEntryPoints.h), shared with the regression test.
#include <cstddef>
#include <cstdint>

#include "FuzzEntryPoints.h"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    bragg::fuzz::setUpFuzzing();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    bragg::fuzz::feedFlags(data, size);
    return 0;
}
