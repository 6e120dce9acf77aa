#include "SeriesFiles.h"

#include <algorithm>
#include <optional>

#include "SeriesRecord.h"
#include "core/Error.h"
#include "io/Nexus.h"
#include "io/RawFloat.h"
#include "output/FormatGeometry.h"
#include "params/Derive.h"

namespace bragg::cli {
namespace {

using Json = nlohmann::ordered_json;

bool has(const std::vector<std::string>& formats, const char* name) {
    return std::find(formats.begin(), formats.end(), name) != formats.end();
}

// The geometry as the manifest keeps it (JSON numbers round-trip doubles exactly).
Json geometryJson(const io::NexusGeometry& g) {
    return {{"fpixels", g.fpixels},
            {"spixels", g.spixels},
            {"pixel_size_mm", g.pixelSizeMm},
            {"origin_mm", g.originMm},
            {"fast_axis", g.fastAxis},
            {"slow_axis", g.slowAxis},
            {"distance_mm", g.distanceMm},
            {"wavelength_a", g.wavelengthA},
            {"sensor_thickness_mm", g.sensorThicknessMm},
            {"frame_time_s", g.frameTimeS},
            {"saturation", g.saturation},
            {"phi_axis", g.phiAxis},
            {"phi_increment_deg", g.phiIncrementDeg},
            {"phi_starts_deg", g.phiStartsDeg}};
}

io::NexusGeometry geometryOf(const Json& j) {
    io::NexusGeometry g;
    g.fpixels = j.at("fpixels").get<int>();
    g.spixels = j.at("spixels").get<int>();
    g.pixelSizeMm = j.at("pixel_size_mm").get<double>();
    g.originMm = j.at("origin_mm").get<io::McStasVec>();
    g.fastAxis = j.at("fast_axis").get<io::McStasVec>();
    g.slowAxis = j.at("slow_axis").get<io::McStasVec>();
    g.distanceMm = j.at("distance_mm").get<double>();
    g.wavelengthA = j.at("wavelength_a").get<double>();
    g.sensorThicknessMm = j.at("sensor_thickness_mm").get<double>();
    g.frameTimeS = j.at("frame_time_s").get<double>();
    g.saturation = j.at("saturation").get<double>();
    g.phiAxis = j.at("phi_axis").get<io::McStasVec>();
    g.phiIncrementDeg = j.at("phi_increment_deg").get<double>();
    g.phiStartsDeg = j.at("phi_starts_deg").get<std::vector<double>>();
    g.phiStartDeg = g.phiStartsDeg.empty() ? 0 : g.phiStartsDeg[0];
    return g;
}

// One frame's pixels as recorded: staged, or in the published file (checked against the record).
Image recordedPixels(const fs::path& dir, const fs::path& outDir, const Json& entry,
                     const io::NexusGeometry& g) {
    std::string problem;
    switch (locateFrameData(dir, outDir, entry, &problem)) {
        case FrameDataAt::Staged:
            return io::readFloatImage((dir / entry.at("staged").get<std::string>()).string(), g.fpixels,
                                      g.spixels);
        case FrameDataAt::Published:
            return io::readNexusFrame((outDir / entry.at("path").get<std::string>()).string(),
                                      "/entry/data/data", entry.at("frame").get<int>())
                .image;
        case FrameDataAt::Nowhere:
            break;
    }
    throw inputError(problem + " (run the series again to render it)");
}

}  // namespace

Json checkSeriesGeometry(const SeriesPlan& plan, const std::vector<std::string>& formats,
                         const run::SideSpec& reference, const std::vector<std::string>& paths) {
    const bool cbf = has(formats, "cbf"), nexus = has(formats, "nexus");
    if (!cbf && !nexus) return nullptr;
    std::optional<Json> first;
    std::vector<double> phiStartsDeg;
    for (const FramePlan& frame : plan.frames) {
        phiStartsDeg.push_back(frame.params.phi0Deg);
        if (frame.index > 0 && !plan.swept) continue;  // a rotation: only φ and the seed change
        const std::string where = frame.index > 0 ? " (frame " + std::to_string(frame.index) + ")" : "";
        const Experiment e = deriveExperiment(reference.sideParams(frame.params));
        if (cbf) checkFormatCanExpress(e, GeometryFormat::MiniCbf, "--format cbf" + where);
        if (!nexus) continue;
        checkFormatCanExpress(e, GeometryFormat::Nexus, "--format nexus" + where);
        const Json g = geometryJson(nexusGeometry(e));
        if (!first)
            first = g;
        else if (g != *first)
            throw usageError("--format nexus: frame " + std::to_string(frame.index) +
                             " has another detector, beam or oscillation than frame 0, and one NXmx file "
                             "states one (write this sweep as smv or cbf)");
    }
    if (!nexus) return nullptr;
    (*first)["phi_starts_deg"] = phiStartsDeg;
    const std::string compression = plan.frames[0].params.nexusCompression;
    (void)io::nexusCompressionNamed(compression);
    return {{"paths", paths}, {"compression", compression}, {"geometry", *first}};
}

void assembleSeriesFiles(const Json& description, const std::vector<RecordedFrame>& frames,
                         const fs::path& outDir) {
    const io::NexusGeometry geometry = geometryOf(description.at("geometry"));
    const io::NexusCompression compression =
        io::nexusCompressionNamed(description.at("compression").get<std::string>());
    const auto paths = description.at("paths").get<std::vector<std::string>>();
    for (std::size_t file = 0; file < paths.size(); ++file) {
        const auto entryOf = [&](const RecordedFrame& f) -> const Json& {
            return f.record.at("series_files").at(file);
        };
        const fs::path path = outDir / paths[file];
        const bool staged = std::any_of(frames.begin(), frames.end(), [&](const RecordedFrame& f) {
            return fs::exists(f.dir / entryOf(f).at("staged").get<std::string>());
        });
        // Every frame was found in it as recorded: unchanged unless the series has other frames now.
        if (!staged && fs::exists(path) && io::readNexusFrame(path.string()).frames == int(frames.size()))
            continue;
        {
            io::NexusWriter writer(path.string(), geometry, int(frames.size()), compression);
            for (const RecordedFrame& f : frames)
                writer.writeFrame(entryOf(f).at("frame").get<int>(),
                                  recordedPixels(f.dir, outDir, entryOf(f), geometry));
            writer.finish();
        }
        // Only now: until the file is published, the staged frames are the only copy.
        for (const RecordedFrame& f : frames) fs::remove(f.dir / entryOf(f).at("staged").get<std::string>());
    }
}

}  // namespace bragg::cli
