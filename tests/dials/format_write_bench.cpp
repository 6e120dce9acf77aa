// Test-only program: the time and size of writing one simulated frame in each format (README's
// table). Renders once, then writes the float image (raw, TIFF, NeXus: none, deflate,
// bitshuffle/LZ4) and its Poisson noise counts (SMV, miniCBF), each a few times; best time.
//   format_write_bench OUTDIR nanoBragg-flags…
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "core/Error.h"
#include "io/Cbf.h"
#include "io/Nexus.h"
#include "io/RawFloat.h"
#include "io/Smv.h"
#include "io/Tiff.h"
#include "output/DerivedImages.h"
#include "output/FormatGeometry.h"
#include "params/Derive.h"
#include "params/FlagParser.h"
#include "render/Engine.h"

int main(int argc, char** argv) {
    using namespace bragg;
    if (argc < 3) {
        std::fprintf(stderr, "usage: format_write_bench OUTDIR nanoBragg-flags...\n");
        return 1;
    }
    try {
        const std::string dir = argv[1];
        const Experiment e =
            deriveExperiment(parseNanoBraggFlags(std::vector<std::string>(argv + 2, argv + argc)).params);
        const Image image = makeEngine("optimized")->render(e);
        long long idum = e.noiseSeed;
        Ran1Table table = e.rngTable;
        const NoiseImage noise = makeNoiseImage(image, e.selection, e.params.adc, idum, table);
        const std::vector<std::int32_t> counts(noise.pixels.begin(), noise.pixels.end());
        const io::NexusGeometry g = nexusGeometry(e);
        const std::vector<std::pair<std::string, std::function<void(const std::string&)>>> formats{
            {"noise.img (SMV uint16)",
             [&](const std::string& p) { io::writeSmv(p, smvHeaderFields(e), noise.pixels); }},
            {"noise.cbf (miniCBF int32, byte offset)",
             [&](const std::string& p) {
                 io::writeMiniCbf(p, miniCbfHeader(e), image.fpixels, image.spixels, counts);
             }},
            {"float.bin (raw float32)", [&](const std::string& p) { io::writeFloatImage(p, image); }},
            {"float.tif (TIFF float32)", [&](const std::string& p) { io::writeTiffFloat(p, image); }},
            {"none.h5 (NeXus float32, uncompressed)",
             [&](const std::string& p) { io::writeNexusImage(p, g, image, io::NexusCompression::None); }},
            {"deflate.h5 (NeXus float32, shuffle+deflate)",
             [&](const std::string& p) { io::writeNexusImage(p, g, image, io::NexusCompression::Deflate); }},
            {"bslz4.h5 (NeXus float32, bitshuffle/LZ4)",
             [&](const std::string& p) {
                 io::writeNexusImage(p, g, image, io::NexusCompression::BitshuffleLz4);
             }},
        };
        std::printf("%d x %d pixels\n", image.fpixels, image.spixels);
        for (const auto& [label, write] : formats) {
            const std::string path = dir + "/" + label.substr(0, label.find(' '));
            double best = 1e300;
            for (int run = 0; run < 3; ++run) {
                const auto start = std::chrono::steady_clock::now();
                write(path);
                best = std::min(
                    best, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
            }
            std::printf("%-46s %8.3f s %12ju bytes\n", label.c_str(), best,
                        std::uintmax_t(std::filesystem::file_size(path)));
        }
        return 0;
    } catch (const Error& e) {
        std::fprintf(stderr, "format_write_bench: error: %s\n", e.what());
        return exitCodeFor(e.kind());
    }
}
