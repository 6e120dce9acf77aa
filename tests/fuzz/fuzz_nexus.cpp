// libFuzzer target: the HDF5/NeXus image reader (io::readNexusFrame), for Eiger-style and h5py files.
// What one input does is bragg::fuzz::feedNexus (FuzzEntryPoints.h), shared with the regression test.
#include <cstddef>
#include <cstdint>

#include "FuzzEntryPoints.h"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    bragg::fuzz::setUpFuzzing();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    bragg::fuzz::feedNexus(data, size);
    return 0;
}
