// Test-only program: a rotation series as ONE NXmx file, written frame by frame through
// io::NexusWriter (the class `bragg series` writes NeXus with). Frame i is rendered at
// φ0 + i·osc and stored as its Poisson noise image, as -noisefile would hold it.
//   nexus_series OUT.h5 FRAMES nanoBragg-flags…   (the flags give -phi φ0 and -osc)
#include <cstdio>
#include <string>
#include <vector>

#include "core/Error.h"
#include "io/Nexus.h"
#include "output/DerivedImages.h"
#include "output/FormatGeometry.h"
#include "params/Derive.h"
#include "params/FlagParser.h"
#include "render/Engine.h"

int main(int argc, char** argv) {
    using namespace bragg;
    if (argc < 4) {
        std::fprintf(stderr, "usage: nexus_series OUT.h5 FRAMES nanoBragg-flags...\n");
        return 1;
    }
    try {
        const std::string out = argv[1];
        const int frames = std::stoi(argv[2]);
        const Params base = parseNanoBraggFlags(std::vector<std::string>(argv + 3, argv + argc)).params;
        const double oscDeg = base.oscDeg.value_or(0);
        auto engine = makeEngine("optimized");
        io::NexusWriter writer(out, nexusGeometry(deriveExperiment(base)), frames);
        for (int i = 0; i < frames; ++i) {
            Params p = base;
            p.phi0Deg = base.phi0Deg + i * oscDeg;
            p.noiseSeed = base.noiseSeed.value_or(1) + i;
            const Experiment e = deriveExperiment(p);
            const Image image = engine->render(e);
            long long idum = e.noiseSeed;
            Ran1Table table = e.rngTable;
            const NoiseImage noise = makeNoiseImage(image, e.selection, p.adc, idum, table);
            Image counts(image.fpixels, image.spixels);
            for (std::size_t k = 0; k < counts.size(); ++k) counts.pixels[k] = float(noise.pixels[k]);
            writer.writeFrame(i, counts);
        }
        writer.finish();
        return 0;
    } catch (const Error& e) {
        std::fprintf(stderr, "nexus_series: error: %s\n", e.what());
        return exitCodeFor(e.kind());
    }
}
