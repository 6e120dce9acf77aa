#pragma once
// miniCBF images (CBFlib): the Pilatus-style CIF with one array_data row, its header lines in
// header_contents and signed 32-bit counts, byte-offset compressed, with MIME headers and an MD5
// digest. The header carries the geometry and scan that DIALS's miniCBF reader takes (dxtbx
// FormatCBFMini); "GENERIC_MINI" is the header convention it accepts for simulated detectors
// whose array size is not a Pilatus one.
#include <cstdint>
#include <string>
#include <vector>

namespace bragg::io {

// The header values, in the header's own units (m, Å, s, deg, pixels).
struct MiniCbfHeader {
    double pixelSizeM = 0;
    double wavelengthA = 0;
    double distanceM = 0;
    double beamXPx = 0, beamYPx = 0;  // direct beam, pixels from the outer corner of pixel (0,0)
    double exposureS = 1;
    double startAngleDeg = 0, angleIncrementDeg = 0;
    long countCutoff = 65535;
    double sensorThicknessM = 0;  // > 0: a Silicon sensor line (0: no line)
    std::string timestamp;        // "YYYY-MM-DDThh:mm:ss.sss"; empty = now (UTC)
};

struct MiniCbfFile {
    int width = 0, height = 0;         // fast, slow
    std::vector<std::int32_t> pixels;  // slow-major
    MiniCbfHeader header;
};

// The header_contents text ("# Pixel_size 172e-6 m x 172e-6 m" …), and back: the first numbers
// after each key (0 where a line is absent).
std::string formatMiniCbfHeader(const MiniCbfHeader& header);
MiniCbfHeader parseMiniCbfHeader(const std::string& text);

// Writes the counts atomically. `pixels` has width*height values, slow-major.
void writeMiniCbf(const std::string& path, const MiniCbfHeader& header, int width, int height,
                  const std::vector<std::int32_t>& pixels);

// Reads a miniCBF written by any Pilatus-style writer: byte-offset or uncompressed 8/16/32-bit
// integer data, MD5 checked when the file has a digest. Header fields that are absent stay 0.
// Parsed without CBFlib's CIF reader (CbfRead.cpp says why). Throws Error(Input) naming `path`
// and the problem (not CBF, truncated, digest mismatch, no array_data, unsupported element type
// or compression, pixel count unlike the header's); Error(Resource) beyond the memory budget.
MiniCbfFile readMiniCbf(const std::string& path);

}  // namespace bragg::io
