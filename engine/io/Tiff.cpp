#include "io/Tiff.h"

#include <cstdarg>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>
#include <vector>

#include <tiffio.h>

#include "core/Error.h"
#include "core/MemoryGuard.h"
#include "io/AtomicFile.h"

namespace bragg::io {
namespace {

// libtiff reports through handlers; the first error is kept for the one-line message instead of
// being printed. Warnings (unknown tags) do not matter for the pixels and are dropped.
struct TiffMessages {
    std::string firstError;
};

int keepError(TIFF*, void* user, const char* module, const char* fmt, va_list ap) {
    auto* messages = static_cast<TiffMessages*>(user);
    if (messages->firstError.empty()) {
        char buf[512];
        std::vsnprintf(buf, sizeof buf, fmt, ap);
        messages->firstError = std::string(module ? module : "libtiff") + ": " + buf;
    }
    return 1;
}

int dropWarning(TIFF*, void*, const char*, const char*, va_list) { return 1; }

struct TiffCloser {
    void operator()(TIFF* t) const { TIFFClose(t); }
};
using TiffPtr = std::unique_ptr<TIFF, TiffCloser>;

TiffPtr openTiff(const std::string& path, const char* mode, TiffMessages& messages) {
    TIFFOpenOptions* options = TIFFOpenOptionsAlloc();
    TIFFOpenOptionsSetErrorHandlerExtR(options, keepError, &messages);
    TIFFOpenOptionsSetWarningHandlerExtR(options, dropWarning, nullptr);
    TiffPtr tif(TIFFOpenExt(path.c_str(), mode, options));
    TIFFOpenOptionsFree(options);
    return tif;
}

[[noreturn]] void fail(const std::string& path, const std::string& problem) {
    throw inputError(path + ": " + problem);
}

template <class T>
void convertRow(const std::vector<unsigned char>& row, float* out, int width) {
    for (int i = 0; i < width; ++i) {
        T v;
        std::memcpy(&v, row.data() + std::size_t(i) * sizeof(T), sizeof(T));
        out[i] = float(v);
    }
}

}  // namespace

void writeTiffFloat(const std::string& path, const Image& image) {
    writeFileAtomicallyByName(path, [&](const std::string& tempPath) {
        TiffMessages messages;
        TiffPtr tif = openTiff(tempPath, "w", messages);
        if (!tif) fail(path, "cannot write: " + messages.firstError);
        TIFF* t = tif.get();
        TIFFSetField(t, TIFFTAG_IMAGEWIDTH, std::uint32_t(image.fpixels));
        TIFFSetField(t, TIFFTAG_IMAGELENGTH, std::uint32_t(image.spixels));
        TIFFSetField(t, TIFFTAG_SAMPLESPERPIXEL, std::uint16_t(1));
        TIFFSetField(t, TIFFTAG_BITSPERSAMPLE, std::uint16_t(32));
        TIFFSetField(t, TIFFTAG_SAMPLEFORMAT, std::uint16_t(SAMPLEFORMAT_IEEEFP));
        TIFFSetField(t, TIFFTAG_PHOTOMETRIC, std::uint16_t(PHOTOMETRIC_MINISBLACK));
        TIFFSetField(t, TIFFTAG_PLANARCONFIG, std::uint16_t(PLANARCONFIG_CONTIG));
        TIFFSetField(t, TIFFTAG_COMPRESSION, std::uint16_t(COMPRESSION_NONE));
        TIFFSetField(t, TIFFTAG_ROWSPERSTRIP, TIFFDefaultStripSize(t, 0));
        TIFFSetField(t, TIFFTAG_SOFTWARE, "bragg");
        std::vector<float> row(std::size_t(image.fpixels));
        for (int s = 0; s < image.spixels; ++s) {
            std::memcpy(row.data(), &image.pixels[std::size_t(s) * image.fpixels],
                        row.size() * sizeof(float));
            if (TIFFWriteScanline(t, row.data(), std::uint32_t(s), 0) < 0)
                fail(path, "cannot write: " + messages.firstError);
        }
        if (!TIFFWriteDirectory(t)) fail(path, "cannot write: " + messages.firstError);
    });
}

Image readTiffImage(const std::string& path) {
    TiffMessages messages;
    TiffPtr tif = openTiff(path, "r", messages);
    if (!tif) fail(path, "not a readable TIFF file: " + messages.firstError);
    TIFF* t = tif.get();
    std::uint32_t width = 0, height = 0;
    std::uint16_t samples = 1, bits = 0, format = SAMPLEFORMAT_UINT, planar = PLANARCONFIG_CONTIG;
    TIFFGetField(t, TIFFTAG_IMAGEWIDTH, &width);
    TIFFGetField(t, TIFFTAG_IMAGELENGTH, &height);
    TIFFGetFieldDefaulted(t, TIFFTAG_SAMPLESPERPIXEL, &samples);
    TIFFGetFieldDefaulted(t, TIFFTAG_BITSPERSAMPLE, &bits);
    TIFFGetFieldDefaulted(t, TIFFTAG_SAMPLEFORMAT, &format);
    TIFFGetFieldDefaulted(t, TIFFTAG_PLANARCONFIG, &planar);
    if (width == 0 || height == 0) fail(path, "TIFF image without pixels");
    if (TIFFIsTiled(t)) fail(path, "tiled TIFF images are not supported (use strips)");
    if (samples != 1) fail(path, std::to_string(samples) + " samples per pixel (expected one, a grey image)");
    const bool isFloat = format == SAMPLEFORMAT_IEEEFP && (bits == 32 || bits == 64);
    const bool isInt = (format == SAMPLEFORMAT_UINT || format == SAMPLEFORMAT_INT) &&
                       (bits == 8 || bits == 16 || bits == 32);
    if (!isFloat && !isInt)
        fail(path, "unsupported TIFF sample type (format " + std::to_string(format) + ", " +
                       std::to_string(bits) + " bits): expected float32/64 or 8/16/32-bit integers");
    checkMemoryFor(width, height);
    Image image{int(width), int(height)};
    std::vector<unsigned char> row(std::size_t(TIFFScanlineSize(t)));
    if (row.size() < std::size_t(width) * bits / 8) fail(path, "inconsistent TIFF row size");
    const bool isSigned = format == SAMPLEFORMAT_INT;
    for (std::uint32_t s = 0; s < height; ++s) {
        if (TIFFReadScanline(t, row.data(), s, 0) < 0)
            fail(path,
                 "truncated or corrupt TIFF data at row " + std::to_string(s) + ": " + messages.firstError);
        float* out = &image.pixels[std::size_t(s) * width];
        const int w = int(width);
        if (isFloat && bits == 32)
            convertRow<float>(row, out, w);
        else if (isFloat)
            convertRow<double>(row, out, w);
        else if (bits == 8)
            isSigned ? convertRow<std::int8_t>(row, out, w) : convertRow<std::uint8_t>(row, out, w);
        else if (bits == 16)
            isSigned ? convertRow<std::int16_t>(row, out, w) : convertRow<std::uint16_t>(row, out, w);
        else
            isSigned ? convertRow<std::int32_t>(row, out, w) : convertRow<std::uint32_t>(row, out, w);
    }
    return image;
}

}  // namespace bragg::io
