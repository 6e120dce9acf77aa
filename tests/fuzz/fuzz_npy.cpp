// libFuzzer target: the .npy image reader (io::parseNpyImage), for ports' images.
// What one input does is bragg::fuzz::feedNpy (FuzzEntryPoints.h), shared with the regression test.
#include <cstddef>
#include <cstdint>

#include "FuzzEntryPoints.h"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    bragg::fuzz::setUpFuzzing();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    bragg::fuzz::feedNpy(data, size);
    return 0;
}
