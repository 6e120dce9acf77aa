#include "run/ImageFile.h"

#include <cstdio>
#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "compare/DSpacingMap.h"
#include "core/Error.h"
#include "io/Npy.h"
#include "io/RawFloat.h"
#include "io/Smv.h"
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
    if (ec) throw inputError(path + ": cannot read: " + ec.message());
    if (startsWith(path, std::string("\x93NUMPY", 6))) {
        io::NpyImage npy = io::readNpyImage(path);
        for (const std::string& note : npy.notes) std::fprintf(stderr, "bragg: note: %s\n", note.c_str());
        return std::move(npy.image);
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
