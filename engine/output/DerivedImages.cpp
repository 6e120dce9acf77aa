#include "output/DerivedImages.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "random/RandomStream.h"

namespace bragg {

namespace {
std::size_t index(const Image& image, int f, int s) { return std::size_t(s) * image.fpixels + f; }

// N−1 denominators, guarded so that a one-pixel (or empty) selection does not divide by zero.
double dof(long n) { return n > 1 ? double(n - 1) : 1.0; }
}  // namespace

ImageStats computeStats(const Image& image, const PixelSelection& sel) {
    ImageStats st;
    double sumsq = 0;
    for (int s = 0; s < image.spixels; ++s) {
        for (int f = 0; f < image.fpixels; ++f) {
            if (!sel.rendered(f, s)) continue;
            const double v = image.pixels[index(image, f, s)];
            if (v > st.maxI) {
                st.maxI = v;
                st.maxFast = f;
                st.maxSlow = s;
            }
            st.sum += v;
            sumsq += v * v;
            ++st.rendered;
        }
    }
    st.mean = st.rendered > 0 ? st.sum / double(st.rendered) : 0.0;
    st.rms = std::sqrt(sumsq / dof(st.rendered));

    // rmsd runs over the whole ROI (the reference's second pass does not look at the mask).
    double sumd = 0;
    long roi = 0;
    for (int s = 0; s < image.spixels; ++s) {
        for (int f = 0; f < image.fpixels; ++f) {
            if (!sel.inRoi(f, s)) continue;
            const double v = sel.masked(f, s) ? 0.0 : double(image.pixels[index(image, f, s)]);
            sumd += (v - st.mean) * (v - st.mean);
            ++roi;
        }
    }
    st.rmsd = std::sqrt(sumd / dof(roi));
    return st;
}

IntImage makeIntImage(const Image& image, const PixelSelection& sel, double userScale, double adc) {
    IntImage out;
    if (userScale > 0) {
        out.scale = userScale;
    } else {
        const double maxI = computeStats(image, sel).maxI;
        out.scale = maxI > 0 ? 55000.0 / maxI : 1.0;
    }
    out.pixels.assign(image.size(), 0);
    for (int s = 0; s < image.spixels; ++s) {
        for (int f = 0; f < image.fpixels; ++f) {
            if (!sel.inRoi(f, s)) continue;
            const double v = sel.masked(f, s) ? 0.0 : double(image.pixels[index(image, f, s)]);
            const double scaled = v * out.scale;  // separate statement: no FMA contraction
            const double x = std::clamp(scaled + adc, 0.0, 65535.0);
            // The reference rounds with floorf: x + 0.5 is rounded to float before the floor,
            // which matters for values just below .5 (checked against the p01 golden image).
            // NaN (an inf pixel makes the automatic scale 0, and inf · 0 is NaN) is written as
            // 0, as the original program's conversion does on x86 (golden case p18), not cast.
            out.pixels[index(image, f, s)] =
                std::isnan(x) ? 0 : static_cast<std::uint16_t>(std::floor(static_cast<float>(x + 0.5)));
        }
    }
    return out;
}

PgmImage makePgm(const Image& image, const PixelSelection& sel, double userPgmScale, double intScale,
                 const ImageStats& stats) {
    PgmImage out;
    out.fpixels = image.fpixels;
    out.spixels = image.spixels;
    if (userPgmScale > 0)
        out.scale = userPgmScale;
    else if (stats.rmsd > 0)
        out.scale = 250.0 / (5.0 * stats.rmsd);
    else
        out.scale = intScale;
    out.pixels.assign(image.size(), 0);
    for (int s = 0; s < image.spixels; ++s) {
        for (int f = 0; f < image.fpixels; ++f) {
            if (!sel.inRoi(f, s)) continue;
            const double v = sel.masked(f, s) ? 0.0 : double(image.pixels[index(image, f, s)]);
            // Clamp below too: a negative value would make the byte conversion undefined; NaN is
            // 0, as in the original program on x86.
            const double x = std::clamp(v * out.scale, 0.0, 255.0);
            out.pixels[index(image, f, s)] = std::isnan(x) ? 0 : static_cast<std::uint8_t>(x);
        }
    }
    return out;
}

std::vector<std::uint8_t> pgmFileBytes(const PgmImage& pgm) {
    char scale[64];
    std::snprintf(scale, sizeof scale, "%g", pgm.scale);
    const std::string header = "P5\n" + std::to_string(pgm.fpixels) + " " + std::to_string(pgm.spixels) +
                               "\n# pixels scaled by " + scale + "\n255\n";
    std::vector<std::uint8_t> bytes(header.begin(), header.end());
    bytes.insert(bytes.end(), pgm.pixels.begin(), pgm.pixels.end());
    return bytes;
}

NoiseImage makeNoiseImage(const Image& image, const PixelSelection& sel, double adc, long long& idum,
                          Ran1Table& table) {
    NoiseImage out;
    out.pixels.assign(image.size(), 0);
    RandomStream rng(idum, table);
    for (int s = 0; s < image.spixels; ++s) {
        for (int f = 0; f < image.fpixels; ++f) {
            if (!sel.inRoi(f, s)) continue;
            const float v = sel.masked(f, s) ? 0.0f : image.pixels[index(image, f, s)];
            const float n = rng.poisson(v);
            out.photons += n;
            double x = double(n) + adc;
            if (x > 65535.0) {
                x = 65535.0;
                ++out.overloads;
            }
            // Truncation toward zero; clamp at 0 only to keep a negative adc well defined. NaN (a
            // +inf pixel's normal approximation can give inf − inf) is 0, as the original's
            // conversion on x86 writes it (golden case p18 with -seed 7, compare_nonfinite_cli_test).
            out.pixels[index(image, f, s)] = std::isnan(x) ? 0 : static_cast<std::uint16_t>(std::max(x, 0.0));
        }
    }
    return out;
}

}  // namespace bragg
