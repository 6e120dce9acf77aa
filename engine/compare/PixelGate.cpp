#include "compare/PixelGate.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdio>
#include <limits>

#include "core/Error.h"

namespace bragg {
namespace {

constexpr int kDecadeFrom = -15, kDecadeTo = 0;  // relative-error decades [1e-15, 1e-14) … [0.1, 1)
constexpr int kUlpBins = 33;

std::vector<HistogramBin> relativeErrorBins() {
    std::vector<HistogramBin> bins{{0, 0, 0}, {0, 1e-15, 0}};
    for (int e = kDecadeFrom; e < kDecadeTo; ++e)
        bins.push_back({std::pow(10.0, e), std::pow(10.0, e + 1), 0});
    bins.push_back({1, std::numeric_limits<double>::infinity(), 0});
    return bins;
}

std::size_t relativeErrorBin(double rel) {
    if (rel == 0) return 0;
    if (rel < 1e-15) return 1;
    constexpr int kLastBin = kDecadeTo - kDecadeFrom + 2;  // ≥ 1, and NaN
    if (!(rel < 1)) return std::size_t(kLastBin);
    const int decade = std::min(kDecadeTo - 1, std::max(kDecadeFrom, int(std::floor(std::log10(rel)))));
    const int bin = decade - kDecadeFrom + 2;
    return std::size_t(bin);
}

std::vector<HistogramBin> ulpBins() {
    std::vector<HistogramBin> bins{{0, 0, 0}};
    for (int k = 1; k < kUlpBins; ++k) bins.push_back({std::ldexp(1.0, k - 1), std::ldexp(1.0, k) - 1, 0});
    return bins;
}

std::string number(double v) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.6g", v);
    return buffer;
}

}  // namespace

std::uint64_t ulpDistance(float a, float b) {
    // Floats ordered as integers: negative values mirrored below zero, so −0 and +0 meet at 0.
    const auto ordered = [](float v) {
        const std::int64_t bits = std::bit_cast<std::int32_t>(v);
        return bits < 0 ? std::int64_t(std::numeric_limits<std::int32_t>::min()) - bits : bits;
    };
    const std::int64_t d = ordered(a) - ordered(b);
    return std::uint64_t(d < 0 ? -d : d);
}

PixelGate pixelGate(const Image& reference, const Image& candidate, double atol, double rtol, int fast0,
                    int fast1, int slow0, int slow1) {
    if (!(atol >= 0) || !(rtol >= 0))
        throw usageError("--atol/--rtol: tolerances must be non-negative (got " + number(atol) + ", " +
                         number(rtol) + ")");
    if (reference.fpixels != candidate.fpixels || reference.spixels != candidate.spixels)
        throw usageError("per-pixel gate: image sizes differ");
    PixelGate g;
    g.atol = atol, g.rtol = rtol;
    g.relativeError = relativeErrorBins();
    g.ulpDistance = ulpBins();
    g.maskFpixels = reference.fpixels, g.maskSpixels = reference.spixels;
    auto mask = std::make_shared<std::vector<std::uint8_t>>(reference.size(), std::uint8_t(0));
    for (int s = slow0; s <= slow1; ++s)
        for (int f = fast0; f <= fast1; ++f) {
            const float r = reference.at(f, s), c = candidate.at(f, s);
            ++g.pixels;
            bool close;
            if (std::isfinite(r) && std::isfinite(c)) {
                const double diff = std::fabs(double(c) - double(r)), scale = std::fabs(double(r));
                close = diff <= atol + rtol * scale;
                const double rel = diff == 0 ? 0.0 : scale > 0 ? diff / scale : INFINITY;
                ++g.relativeError[relativeErrorBin(rel)].count;
                const std::uint64_t ulp = ulpDistance(r, c);
                ++g.ulpDistance[ulp == 0 ? 0 : std::size_t(std::bit_width(ulp))].count;
            } else {
                // numpy: equal infinities are close; a shared NaN is too here, as everywhere in the
                // comparison.
                close = classify(r) == classify(c);
            }
            if (close) continue;
            ++g.failing;
            (*mask)[std::size_t(s) * std::size_t(reference.fpixels) + std::size_t(f)] = 1;
            if (g.firstFailing.size() < PixelGate::kPositionsKept) g.firstFailing.push_back({f, s});
        }
    g.mask = std::move(mask);
    return g;
}

std::string describe(const PixelGate& g) {
    char share[32];
    std::snprintf(share, sizeof share, "%.3g%%", 100 * g.failingShare());
    std::string line = std::to_string(g.failing) + " of " + std::to_string(g.pixels) + " pixels (" + share +
                       ") fail |c - r| <= " + number(g.atol) + " + " + number(g.rtol) + "*|r|";
    if (!g.firstFailing.empty())
        line += ", first at fast " + std::to_string(g.firstFailing.front().fast) + " slow " +
                std::to_string(g.firstFailing.front().slow);
    return line;
}

}  // namespace bragg
