#include "run/ImageFile.h"

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "compare/DSpacingMap.h"
#include "core/Error.h"
#include "io/Cbf.h"
#include "io/Nexus.h"
#include "io/Npy.h"
#include "io/RawFloat.h"
#include "io/Smv.h"
#include "io/Tiff.h"
#include "params/Derive.h"
#include "params/FlagParser.h"
#include "run/RunErrors.h"

namespace bragg::run {
namespace {

namespace fs = std::filesystem;

// The first bytes of a file equal `signature`.
bool startsWith(const std::string& path, const std::string& signature) {
    std::ifstream in(path, std::ios::binary);
    std::string head(signature.size(), '\0');
    in.read(head.data(), std::streamsize(head.size()));
    return in.gcount() == std::streamsize(head.size()) && head == signature;
}

const std::string kSmvSignature = "{\nHEADER_BYT";
const std::string kCbfSignature = "###CBF";
const std::string kHdf5Signature = std::string("\x89HDF\r\n\x1a\n", 8);

bool isTiff(const std::string& path) {
    return startsWith(path, std::string("II*\0", 4)) || startsWith(path, std::string("MM\0*", 4));
}

// "FILE", "FILE:DATASET", "FILE:FRAME" or "FILE:DATASET:FRAME" for HDF5 (the whole text first
// if such a file exists). Defaults: the NXmx image dataset, frame 0.
struct Hdf5Spec {
    std::string file, dataset = "/entry/data/data";
    int frame = 0;
};

bool isWholeNumber(const std::string& text) {
    return !text.empty() && text.size() < 10 && text.find_first_not_of("0123456789") == std::string::npos;
}

std::optional<Hdf5Spec> hdf5Spec(const std::string& path) {
    if (startsWith(path, kHdf5Signature)) return Hdf5Spec{path};
    Hdf5Spec spec{path};
    std::size_t colon = spec.file.rfind(':');
    if (colon != std::string::npos && isWholeNumber(spec.file.substr(colon + 1))) {
        spec.frame = std::stoi(spec.file.substr(colon + 1));
        spec.file.resize(colon);
    }
    colon = spec.file.find(":/");
    if (colon != std::string::npos && !fs::exists(spec.file)) {
        spec.dataset = spec.file.substr(colon + 1);
        spec.file.resize(colon);
    }
    if (spec.file == path || !startsWith(spec.file, kHdf5Signature)) return std::nullopt;
    return spec;
}

// A detector stated by its pixel (0,0) corner and axes in some lab frame, as an Experiment whose
// d-spacing map (compare/DSpacingMap.h) is the file's.
Experiment flatDetectorExperiment(int fpixels, int spixels, double pixelM, const Vec3& originM,
                                  const Vec3& fast, const Vec3& slow, const Vec3& beamDir,
                                  double wavelengthM) {
    Experiment e;
    DetectorModel& d = e.detector;
    d.fpixels = fpixels;
    d.spixels = spixels;
    d.pixelSize = pixelM;
    d.fdet = fast.normalized();
    d.sdet = slow.normalized();
    d.odet = d.fdet.cross(d.sdet);
    d.pix0 = originM;
    d.beamDirection = beamDir;
    e.beam.beamDir = beamDir;
    e.beam.lambda0 = wavelengthM;
    return e;
}

std::optional<Experiment> cbfFileExperiment(const std::string& path) {
    const io::MiniCbfFile cbf = io::readMiniCbf(path);
    const io::MiniCbfHeader& h = cbf.header;
    if (!(h.pixelSizeM > 0) || !(h.wavelengthA > 0) || !(h.distanceM > 0) ||
        !std::isfinite(h.beamXPx + h.beamYPx + h.distanceM + h.wavelengthA + h.pixelSizeM))
        throw inputError(
            path + ": no usable geometry in the miniCBF header (Pixel_size, Wavelength, Detector_distance)");
    // imgCIF frame: beam along −z, fast +x, slow −y (dxtbx FormatCBFMini).
    const Vec3 origin(-h.beamXPx * h.pixelSizeM, h.beamYPx * h.pixelSizeM, -h.distanceM);
    return flatDetectorExperiment(cbf.width, cbf.height, h.pixelSizeM, origin, Vec3(1, 0, 0), Vec3(0, -1, 0),
                                  Vec3(0, 0, -1), h.wavelengthA * 1e-10);
}

std::optional<Experiment> nexusFileExperiment(const Hdf5Spec& spec) {
    const io::NexusFrame frame = io::readNexusFrame(spec.file, spec.dataset, spec.frame);
    if (!frame.geometry) return std::nullopt;
    const io::NexusGeometry& g = *frame.geometry;
    auto vec = [](const io::McStasVec& v) { return Vec3(v[0], v[1], v[2]); };
    if (!(g.pixelSizeMm > 0) || !(g.wavelengthA > 0) ||
        !std::isfinite(g.originMm[0] + g.originMm[1] + g.originMm[2] + g.wavelengthA + g.pixelSizeMm))
        throw inputError(spec.file + ": no usable geometry in the NXmx detector module");
    return flatDetectorExperiment(g.fpixels, g.spixels, g.pixelSizeMm * 1e-3, vec(g.originMm) * 1e-3,
                                  vec(g.fastAxis), vec(g.slowAxis), Vec3(0, 0, 1), g.wavelengthA * 1e-10);
}

std::optional<ImageSize> sizeFromMeta(const std::string& path) {
    const fs::path meta = fs::path(path).parent_path() / "meta.json";
    std::ifstream in(meta);
    if (!in) return std::nullopt;
    try {
        const nlohmann::ordered_json j = nlohmann::ordered_json::parse(in);
        return ImageSize{j.at("fpixels").get<int>(), j.at("spixels").get<int>()};
    } catch (const nlohmann::ordered_json::exception& e) {
        throw inputError(meta.string() + ": no usable fpixels/spixels: " + e.what());
    }
}

}  // namespace

Image readImageFile(const std::string& path, const std::optional<ImageSize>& size) {
    std::error_code ec;
    const auto bytes = fs::file_size(path, ec);
    if (ec && !hdf5Spec(path)) throw inputError(path + ": cannot read: " + ec.message());
    if (startsWith(path, std::string("\x93NUMPY", 6))) {
        io::NpyImage npy = io::readNpyImage(path);
        for (const std::string& note : npy.notes) std::fprintf(stderr, "bragg: note: %s\n", note.c_str());
        return std::move(npy.image);
    }
    if (const std::optional<Hdf5Spec> spec = hdf5Spec(path))
        return io::readNexusFrame(spec->file, spec->dataset, spec->frame).image;
    if (isTiff(path)) return io::readTiffImage(path);
    if (startsWith(path, kCbfSignature)) {
        const io::MiniCbfFile cbf = io::readMiniCbf(path);
        Image image(cbf.width, cbf.height);
        for (std::size_t i = 0; i < image.size(); ++i) image.pixels[i] = float(cbf.pixels[i]);
        return image;
    }
    if (startsWith(path, kSmvSignature)) {
        const io::SmvFile smv = io::readSmv(path, true);
        Image image(smv.width, smv.height);
        for (std::size_t i = 0; i < image.size(); ++i) image.pixels[i] = float(smv.pixels[i]);
        return image;
    }
    const std::optional<ImageSize> known = size ? size : sizeFromMeta(path);
    if (!known)
        throw usageError(
            path + ": raw float image of unknown size: give --size FAST SLOW (or put a meta.json beside it)");
    const auto [fast, slow] = *known;
    if (fast <= 0 || slow <= 0) throw usageError("--size: expected positive pixel counts");
    if (bytes != 4ull * std::uintmax_t(fast) * std::uintmax_t(slow))
        throw SizeMismatch(path + " has " + std::to_string(bytes) + " bytes, but a " + std::to_string(fast) +
                           "x" + std::to_string(slow) + " float image has " +
                           std::to_string(4ull * fast * slow));
    return io::readFloatImage(path, fast, slow);
}

std::optional<std::vector<double>> headerDSpacingMapA(const std::string& path) {
    if (startsWith(path, kCbfSignature)) return dSpacingMapA(*cbfFileExperiment(path));
    if (const std::optional<Hdf5Spec> spec = hdf5Spec(path)) {
        const std::optional<Experiment> e = nexusFileExperiment(*spec);
        return e ? std::optional(dSpacingMapA(*e)) : std::nullopt;
    }
    if (!startsWith(path, kSmvSignature)) return std::nullopt;
    // The derivation also wants a crystal and structure factors; placeholders, since the d map
    // depends on the detector and the wavelength alone.
    const std::vector<std::string> flags{"-img", path, "-cell", "100",        "100", "100",
                                         "90",   "90", "90",    "-default_F", "1"};
    try {
        return dSpacingMapA(deriveExperiment(parseNanoBraggFlags(flags).params, 0));
    } catch (const Error& e) {
        throw inputError(path + ": no usable geometry in the SMV header: " + e.what());
    }
}

}  // namespace bragg::run
