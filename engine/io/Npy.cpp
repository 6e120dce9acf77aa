#include "io/Npy.h"

#include <cstdint>
#include <cstring>
#include <regex>

#include "core/Error.h"
#include "io/ByteOrder.h"
#include "io/FileBytes.h"

namespace bragg::io {
namespace {

// The header is a Python dict literal; these three keys are all an image needs.
std::string dictValue(const std::string& header, const std::string& key, const std::string& name) {
    const std::regex pattern("'" + key + "'\\s*:\\s*('[^']*'|True|False|\\([^)]*\\))");
    std::smatch m;
    if (!std::regex_search(header, m, pattern)) throw inputError(name + ": .npy header has no '" + key + "'");
    return m[1].str();
}

}  // namespace

NpyImage parseNpyImage(const std::string& name, std::string_view bytes) {
    if (bytes.size() < 10 || bytes.substr(0, 6) != std::string_view("\x93NUMPY", 6))
        throw inputError(name + ": not a .npy file (no \\x93NUMPY signature)");
    const int major = static_cast<unsigned char>(bytes[6]);
    std::size_t headerLength = 0, offset = 0;
    if (major == 1) {
        headerLength = loadLE<std::uint16_t>(bytes.data() + 8);
        offset = 10;
    } else if (major == 2 || major == 3) {
        if (bytes.size() < 12) throw inputError(name + ": truncated .npy header");
        headerLength = loadLE<std::uint32_t>(bytes.data() + 8);
        offset = 12;
    } else {
        throw inputError(name + ": unsupported .npy version " + std::to_string(major));
    }
    if (bytes.size() < offset + headerLength) throw inputError(name + ": truncated .npy header");
    const std::string header(bytes.substr(offset, headerLength));
    const std::size_t dataStart = offset + headerLength;

    const std::string descr = dictValue(header, "descr", name);
    const bool f4 = descr == "'<f4'", f8 = descr == "'<f8'";
    if (!f4 && !f8)
        throw inputError(name + ": .npy dtype " + descr + " is not little-endian float32 or float64");
    if (dictValue(header, "fortran_order", name) != "False")
        throw inputError(name +
                         ": .npy array is in Fortran order; save it in C order (numpy.ascontiguousarray)");
    const std::string shape = dictValue(header, "shape", name);
    const std::regex twoD("\\(\\s*(\\d+)\\s*,\\s*(\\d+)\\s*,?\\s*\\)");
    std::smatch m;
    if (!std::regex_match(shape, m, twoD))
        throw inputError(name + ": .npy shape " + shape + " is not 2-D (slow, fast)");
    const long long slow = std::stoll(m[1].str()), fast = std::stoll(m[2].str());
    if (slow <= 0 || fast <= 0 || slow > INT32_MAX || fast > INT32_MAX)
        throw inputError(name + ": .npy shape " + shape + " is not a usable image size");
    // The data are in memory already, so an exact length check bounds the allocation too
    // (written as a division: slow · fast · 8 can overflow).
    const std::size_t count = std::size_t(slow) * std::size_t(fast), width = f4 ? 4 : 8;
    const std::size_t dataBytes = bytes.size() - dataStart;
    if (dataBytes % width != 0 || dataBytes / width != count ||
        count / std::size_t(fast) != std::size_t(slow))
        throw inputError(name + ": .npy data has " + std::to_string(dataBytes) + " bytes, shape " + shape +
                         " needs " + std::to_string(slow) + " x " + std::to_string(fast) + " x " +
                         std::to_string(width));
    NpyImage out;
    out.image = Image(int(fast), int(slow));
    const char* data = bytes.data() + dataStart;
    for (std::size_t i = 0; i < count; ++i)
        out.image.pixels[i] =
            f4 ? loadLE<float>(data + 4 * i) : static_cast<float>(loadLE<double>(data + 8 * i));
    if (f8) out.notes.push_back(name + ": float64 narrowed to float32");
    return out;
}

NpyImage readNpyImage(const std::string& path) { return parseNpyImage(path, readFileBytes(path)); }

}  // namespace bragg::io
