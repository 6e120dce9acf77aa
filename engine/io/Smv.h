#pragma once
// SMV images (docs/formats.md §6): reading headers/pixels for -img/-mask, writing int/noise images.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bragg::io {

// A parsed SMV file. Keyword lookup follows the reference rules (docs/formats.md §6.2).
struct SmvFile {
    std::string headerText;  // first HEADER_BYTES bytes, cut at the first NUL
    int headerBytes = 512;
    int width = 0, height = 0;  // SIZE1 / SIZE2 (DETECTOR_DIMENSIONS fallback)
    std::vector<std::uint16_t>
        pixels;  // width*height values (empty unless requested); short files pad with 0

    // Last occurrence of `key` as a substring, then the first '=' after it, then atof.
    // nullopt if the key is absent; 0 if present without a following '='.
    std::optional<double> value(const std::string& key) const;
};

// Throws bragg::Error(Input) naming `path` if the file cannot be opened, is shorter than 512
// bytes, lacks the "{\nHEADER_BYT" signature, or has no usable size.
// With pixels, an image larger than the memory budget (core/MemoryGuard.h) is Error(Resource).
SmvFile readSmv(const std::string& path, bool withPixels);

// readSmv() on bytes already in memory; `name` stands for the file in messages.
SmvFile parseSmv(const std::string& name, std::string_view bytes, bool withPixels);

// Values written into the header of an SMV file, in the header's own units (mm, deg, Å).
struct SmvHeaderFields {
    int fpixels = 0, spixels = 0;
    double pixelMm = 0, distanceMm = 0, wavelengthA = 0;
    double beamCenterXMm = 0, beamCenterYMm = 0;      // Xbeam, Ybeam as resolved
    double fbeamMm = 0, sbeamMm = 0, detsizeSMm = 0;  // final Fbeam, Sbeam; detector slow size
    double dialsOrigin[3] = {0, 0, 0};                // mm
    double orgx = 0, orgy = 0;                        // pixels
    double closeDistanceMm = 0, phiDeg = 0, oscDeg = 0, twothetaDeg = 0;
};

// The 512-byte header text exactly as docs/formats.md §6.1 lists it (padded with spaces). Only if the
// items would not fit (numbers with many digits) is HEADER_BYTES raised to the next multiple of
// 512, so that the pixel data always start where the header says.
std::string formatSmvHeader(const SmvHeaderFields& fields);

// Header + little-endian uint16 pixels, written atomically (temp file + rename).
void writeSmv(const std::string& path, const SmvHeaderFields& fields,
              const std::vector<std::uint16_t>& pixels);

}  // namespace bragg::io
