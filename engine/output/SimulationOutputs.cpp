#include "output/SimulationOutputs.h"

#include "io/Cbf.h"
#include "io/Nexus.h"
#include "io/Pgm.h"
#include "io/RawFloat.h"
#include "io/Smv.h"
#include "io/Tiff.h"
#include "output/FormatGeometry.h"

namespace bragg {
void writeSmvCounts(const std::string& path, const Experiment& e, const std::vector<std::uint16_t>& counts) {
    io::writeSmv(path, smvHeaderFields(e), counts);
}

void writeCbfCounts(const std::string& path, const Experiment& e, const std::vector<std::uint16_t>& counts) {
    io::writeMiniCbf(path, miniCbfHeader(e), e.detector.fpixels, e.detector.spixels,
                     std::vector<std::int32_t>(counts.begin(), counts.end()));
}

OutputReport writeSimulationOutputs(const Experiment& e, const Image& image) {
    const Params& p = e.params;
    checkFormatGeometry(e);  // refuse before anything is written
    OutputReport report;
    report.stats = computeStats(image, e.selection);
    const IntImage intImage = makeIntImage(image, e.selection, p.intScale, p.adc);
    report.intScale = intImage.scale;
    if (!p.floatFile.empty()) {
        io::writeFloatImage(p.floatFile, image);
        report.written.push_back(p.floatFile);
    }
    if (!p.intFile.empty()) {
        writeSmvCounts(p.intFile, e, intImage.pixels);
        report.written.push_back(p.intFile);
    }
    if (!p.tiffFile.empty()) {
        io::writeTiffFloat(p.tiffFile, image);
        report.written.push_back(p.tiffFile);
    }
    if (!p.cbfFile.empty()) {
        writeCbfCounts(p.cbfFile, e, intImage.pixels);
        report.written.push_back(p.cbfFile);
    }
    if (!p.nexusFile.empty()) {
        io::writeNexusImage(p.nexusFile, nexusGeometry(e), image,
                            io::nexusCompressionNamed(p.nexusCompression));
        report.written.push_back(p.nexusFile);
    }
    if (p.writePgm && !p.pgmFile.empty()) {
        const PgmImage pgm = makePgm(image, e.selection, p.pgmScale, intImage.scale, report.stats);
        report.pgmScale = pgm.scale;
        io::writePgm(p.pgmFile, pgm.fpixels, pgm.spixels, pgm.pixels, pgm.scale);
        report.written.push_back(p.pgmFile);
    }
    const bool smvNoise = p.writeNoise && !p.noiseFile.empty();
    if (smvNoise || !p.cbfNoiseFile.empty()) {
        long long idum = e.noiseSeed;
        Ran1Table table = e.rngTable;
        const NoiseImage noise = makeNoiseImage(image, e.selection, p.adc, idum, table);
        report.noisePhotons = noise.photons;
        report.noiseOverloads = noise.overloads;
        if (smvNoise) {
            writeSmvCounts(p.noiseFile, e, noise.pixels);
            report.written.push_back(p.noiseFile);
        }
        if (!p.cbfNoiseFile.empty()) {
            writeCbfCounts(p.cbfNoiseFile, e, noise.pixels);
            report.written.push_back(p.cbfNoiseFile);
        }
    }
    return report;
}

}  // namespace bragg
