#include "output/SimulationOutputs.h"

#include "io/Pgm.h"
#include "io/RawFloat.h"
#include "io/Smv.h"

namespace bragg {

OutputReport writeSimulationOutputs(const Experiment& e, const Image& image) {
    const Params& p = e.params;
    OutputReport report;
    report.stats = computeStats(image, e.selection);
    const IntImage intImage = makeIntImage(image, e.selection, p.intScale, p.adc);
    report.intScale = intImage.scale;
    if (!p.floatFile.empty()) {
        io::writeFloatImage(p.floatFile, image);
        report.written.push_back(p.floatFile);
    }
    if (!p.intFile.empty()) {
        io::writeSmv(p.intFile, smvHeaderFields(e), intImage.pixels);
        report.written.push_back(p.intFile);
    }
    if (p.writePgm && !p.pgmFile.empty()) {
        const PgmImage pgm = makePgm(image, e.selection, p.pgmScale, intImage.scale, report.stats);
        report.pgmScale = pgm.scale;
        io::writePgm(p.pgmFile, pgm.fpixels, pgm.spixels, pgm.pixels, pgm.scale);
        report.written.push_back(p.pgmFile);
    }
    if (p.writeNoise && !p.noiseFile.empty()) {
        long long idum = e.noiseSeed;
        Ran1Table table = e.rngTable;
        const NoiseImage noise = makeNoiseImage(image, e.selection, p.adc, idum, table);
        report.noisePhotons = noise.photons;
        report.noiseOverloads = noise.overloads;
        io::writeSmv(p.noiseFile, smvHeaderFields(e), noise.pixels);
        report.written.push_back(p.noiseFile);
    }
    return report;
}

}  // namespace bragg
