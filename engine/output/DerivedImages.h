#pragma once
// Images derived from the float image (docs/physics.md §15): summary statistics, the scaled SMV int
// image, the PGM preview and the Poisson noise image. Only pixel data here; headers and files
// are written elsewhere (io/), except the tiny PGM header which belongs to the PGM bytes.
#include <cstdint>
#include <vector>

#include "core/Image.h"
#include "core/PixelSelection.h"
#include "random/Ran1.h"

namespace bragg {

struct ImageStats {
    double maxI = 0;               // largest rendered value, starting from 0
    double sum = 0;                // over rendered pixels
    double mean = 0;               // sum / rendered
    double rms = 0;                // sqrt(Σv² / (rendered − 1))
    double rmsd = 0;               // sqrt(Σ(v − mean)² / (roi − 1)), masked ROI pixels counted as 0
    int maxFast = 0, maxSlow = 0;  // first occurrence of maxI in slow-major order
    long rendered = 0;             // rendered pixel count (in ROI and not masked)
};

ImageStats computeStats(const Image& image, const PixelSelection& sel);

struct IntImage {
    std::vector<std::uint16_t> pixels;  // fpixels*spixels, slow-major
    double scale = 1;                   // the scale actually used
};

// userScale > 0 is used as given; otherwise 55000/max_I (1 if max_I <= 0).
IntImage makeIntImage(const Image& image, const PixelSelection& sel, double userScale, double adc);

struct PgmImage {
    int fpixels = 0, spixels = 0;
    std::vector<std::uint8_t> pixels;  // fpixels*spixels, slow-major
    double scale = 1;                  // the scale actually used
};

// userPgmScale > 0 is used as given; else 250/(5·rmsd) if rmsd > 0; else intScale.
PgmImage makePgm(const Image& image, const PixelSelection& sel, double userPgmScale, double intScale,
                 const ImageStats& stats);

// The complete binary PGM (P5) file: header with "# pixels scaled by <%g>" then the pixels.
std::vector<std::uint8_t> pgmFileBytes(const PgmImage& pgm);

struct NoiseImage {
    std::vector<std::uint16_t> pixels;  // fpixels*spixels, slow-major
    double photons = 0;                 // Σ Poisson counts over ROI pixels (without adc)
    long overloads = 0;                 // pixels clipped to 65535
};

// Poisson noise about each ROI pixel in slow-major order from the given stream; masked ROI
// pixels draw poidev(0) (one draw) and so become adc.
NoiseImage makeNoiseImage(const Image& image, const PixelSelection& sel, double adc, long long& idum,
                          Ran1Table& table);

}  // namespace bragg
