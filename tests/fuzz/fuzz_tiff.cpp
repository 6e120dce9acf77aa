// libFuzzer target: the TIFF image reader (io::readTiffImage), for images from ImageJ/Fiji and Python.
// What one input does is bragg::fuzz::feedTiff (FuzzEntryPoints.h), shared with the regression test.
#include <cstddef>
#include <cstdint>

#include "FuzzEntryPoints.h"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    bragg::fuzz::setUpFuzzing();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    bragg::fuzz::feedTiff(data, size);
    return 0;
}
