#pragma once
// The files `-floatfile -intfile -pgmfile -noisefile` ask for, written the way nanoBragg does
// (docs/physics.md §15, docs/formats.md §5–7), and those of the field's software (`-tifffile
// -cbffile -cbfnoisefile -nexusfile`), each atomically.
#include <cstdint>
#include <string>
#include <vector>

#include "core/Image.h"
#include "model/Experiment.h"
#include "output/DerivedImages.h"

namespace bragg {

struct OutputReport {
    ImageStats stats;
    double intScale = 0, pgmScale = 0;
    double noisePhotons = 0;
    long noiseOverloads = 0;
    std::vector<std::string> written;  // paths, in order
};

// Writes float, int, (PGM), (noise) files named in e.params. Empty names are skipped.
OutputReport writeSimulationOutputs(const Experiment& e, const Image& image);

// One counts image (the int image or the noise image) with e's header, atomically: SMV as
// -intfile/-noisefile write it, miniCBF as -cbffile/-cbfnoisefile do.
void writeSmvCounts(const std::string& path, const Experiment& e, const std::vector<std::uint16_t>& counts);
void writeCbfCounts(const std::string& path, const Experiment& e, const std::vector<std::uint16_t>& counts);

}  // namespace bragg
