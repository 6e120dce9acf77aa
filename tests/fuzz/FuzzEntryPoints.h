#pragma once
// What each libFuzzer target does with one input, shared with tests/engine/fuzz_regression_test
// so a saved crashing input is replayed through exactly the fuzzed path.
//
// A feed function returns normally when the input is accepted or rejected with bragg::Error (the
// documented way to refuse bad input). Anything else is a bug the fuzzer reports: a crash, a
// sanitizer finding, another exception type escaping, a broken invariant of the result (abort()),
// a hang or an oversized allocation.
#include <cstddef>
#include <cstdint>
#include <string>

namespace bragg::fuzz {

enum class Outcome {
    Accepted,  // parsed (and, for flags, derived) without error
    Rejected,  // threw bragg::Error
    Skipped    // not tried: outside what the target covers (flags: a token with '/')
};

// Once per process, before any feed function: caps the memory guard (BRAGG_MEMORY_LIMIT_MB=64,
// unless already set) so no iteration allocates much, and makes a scratch directory with small
// valid fixture files the flag target can name (P1.hkl A.mat src.txt stol.txt img.img mask.img).
// feedFlags() runs in that directory; it is removed at exit.
void setUpFuzzing();

Outcome feedHkl(const std::uint8_t* data, std::size_t size);      // io::parseHkl
Outcome feedMatrix(const std::uint8_t* data, std::size_t size);   // io::parseMosflmMatrix
Outcome feedColumns(const std::uint8_t* data, std::size_t size);  // io::parseColumns, 5 and 2 columns
Outcome feedSmv(const std::uint8_t* data, std::size_t size);      // io::parseSmv, header then pixels
Outcome feedNpy(const std::uint8_t* data, std::size_t size);      // io::parseNpyImage (a port's image)
// The image readers of the field's formats take a file (libtiff, CBFlib, HDF5): the input is
// written to a file in the scratch directory, then read as a comparison input would be.
Outcome feedTiff(const std::uint8_t* data, std::size_t size);   // io::readTiffImage
Outcome feedCbf(const std::uint8_t* data, std::size_t size);    // io::readMiniCbf
Outcome feedNexus(const std::uint8_t* data, std::size_t size);  // io::readNexusFrame, frame 0
// The input split at spaces, tabs and newlines into arguments; parseNanoBraggFlags, then
// toNanoBraggFlags and deriveExperiment of the result.
Outcome feedFlags(const std::uint8_t* data, std::size_t size);

// The message of the bragg::Error behind the last Outcome::Rejected.
const std::string& lastRejection();

using FeedFunction = Outcome (*)(const std::uint8_t*, std::size_t);
// "hkl", "matrix", "columns", "smv", "npy", "tiff", "cbf", "nexus" or "flags" (the fuzz_<name>
// targets); nullptr otherwise.
FeedFunction feedFunction(const std::string& target);

}  // namespace bragg::fuzz
