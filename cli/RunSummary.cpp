#include "RunSummary.h"

namespace bragg::cli {

void printRunSummary(std::FILE* out, const Experiment& e, const std::string& engine, int threads,
                     const OutputReport& report, const RunTimes& times) {
    const DetectorModel& d = e.detector;
    const CrystalModel& x = e.crystal;
    std::fprintf(out, "detector     %d x %d pixels of %g mm, convention %s, pivot %s, distance %g mm\n",
                 d.fpixels, d.spixels, d.pixelSize * 1000, toString(d.convention), toString(d.pivot),
                 d.distance * 1000);
    std::fprintf(out, "crystal      %d x %d x %d cells, shape %s, interpolation %s\n", x.Na, x.Nb, x.Nc,
                 toString(x.shape), e.interpolationSource.c_str());
    std::fprintf(out,
                 "sampling     %zu sources, %d mosaic domains, %d phi steps, oversample %d%s, %d thickness "
                 "layers, %lld steps\n",
                 e.beam.sources.size(), x.domains(), x.phiSteps(), d.oversample,
                 d.oversampleWasAuto ? " (auto)" : "", d.thickLayers, e.steps);
    const ImageStats& s = report.stats;
    std::fprintf(out, "image        max_I = %g at pixel (fast %d, slow %d), mean = %g, rms = %g, rmsd = %g\n",
                 s.maxI, s.maxFast, s.maxSlow, s.mean, s.rms, s.rmsd);
    std::fprintf(out, "outputs      intfile_scale = %g", report.intScale);
    if (e.params.writePgm) std::fprintf(out, ", pgm_scale = %g", report.pgmScale);
    if (e.params.writeNoise)
        std::fprintf(out, ", noise %.0f photons (%ld overloads)", report.noisePhotons, report.noiseOverloads);
    std::fprintf(out, "\n");
    for (const std::string& path : report.written) std::fprintf(out, "wrote        %s\n", path.c_str());
    std::fprintf(out, "elapsed      %.3f s (set-up %.3f s, render %.3f s), engine %s, %d threads\n",
                 times.total, times.derive, times.render, engine.c_str(), threads);
}

}  // namespace bragg::cli
