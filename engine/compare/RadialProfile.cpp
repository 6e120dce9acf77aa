#include "compare/RadialProfile.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

#include "core/Error.h"

namespace bragg {
namespace {

constexpr double kDegPerRad = 180.0 / std::numbers::pi;

// 2θ of a pixel at d (Å), degrees: 0 at the direct beam (d = +inf), NaN if λ/2d > 1 (no such d).
double twoThetaDeg(double dA, double lambdaA) {
    const double sinTheta = std::isinf(dA) ? 0.0 : lambdaA / (2 * dA);
    return sinTheta <= 1 ? 2 * std::asin(sinTheta) * kDegPerRad : std::numeric_limits<double>::quiet_NaN();
}

}  // namespace

std::vector<RadialBin> radialProfile(const Image& reference, const Image& candidate,
                                     const std::vector<double>& dSpacingA, double lambdaA, int bins,
                                     const std::optional<Roi>& roi) {
    if (reference.fpixels != candidate.fpixels || reference.spixels != candidate.spixels)
        throw usageError("radial profile: the images differ in size");
    if (dSpacingA.size() != reference.size())
        throw usageError("radial profile: the d-spacing map has " + std::to_string(dSpacingA.size()) +
                         " values for an image of " + std::to_string(reference.size()) + " pixels");
    if (bins < 1) throw usageError("radial profile: expected at least one bin, got " + std::to_string(bins));
    if (!(lambdaA > 0)) throw usageError("radial profile: the wavelength must be positive");
    const Roi r = resolveRoi(roi.value_or(Roi{}), reference.fpixels, reference.spixels);

    struct Sample {
        double twoThetaDeg;
        std::size_t index;
    };
    std::vector<Sample> samples;
    for (int s = r.ymin; s <= r.ymax; ++s)
        for (int f = r.xmin; f <= r.xmax; ++f) {
            const std::size_t i = std::size_t(s) * std::size_t(reference.fpixels) + std::size_t(f);
            const double d = dSpacingA[i];
            if (!(d > 0) || !std::isfinite(reference.pixels[i]) || !std::isfinite(candidate.pixels[i]))
                continue;
            const double angle = twoThetaDeg(d, lambdaA);
            if (!std::isnan(angle)) samples.push_back({angle, i});
        }
    if (samples.empty()) return {};
    const auto [low, high] =
        std::minmax_element(samples.begin(), samples.end(),
                            [](const Sample& a, const Sample& b) { return a.twoThetaDeg < b.twoThetaDeg; });
    const double lowDeg = low->twoThetaDeg, widthDeg = (high->twoThetaDeg - lowDeg) / bins;

    std::vector<RadialBin> out(static_cast<std::size_t>(bins));
    std::vector<double> sumReference(out.size(), 0.0), sumCandidate(out.size(), 0.0);
    for (const Sample& sample : samples) {
        const double at = widthDeg > 0 ? std::floor((sample.twoThetaDeg - lowDeg) / widthDeg) : 0.0;
        const std::size_t b = std::min(out.size() - 1, std::size_t(std::max(at, 0.0)));
        ++out[b].pixels;
        sumReference[b] += reference.pixels[sample.index];
        sumCandidate[b] += candidate.pixels[sample.index];
    }
    for (std::size_t b = 0; b < out.size(); ++b) {
        RadialBin& bin = out[b];
        bin.twoThetaLowDeg = lowDeg + double(b) * widthDeg;
        bin.twoThetaHighDeg = lowDeg + double(b + 1) * widthDeg;
        bin.twoThetaDeg = 0.5 * (bin.twoThetaLowDeg + bin.twoThetaHighDeg);
        const double sinTheta = std::sin(bin.twoThetaDeg / (2 * kDegPerRad));
        bin.dSpacingA = sinTheta > 0 ? lambdaA / (2 * sinTheta) : std::numeric_limits<double>::infinity();
        if (bin.pixels == 0) {
            bin.ratio = std::numeric_limits<double>::quiet_NaN();
            continue;
        }
        bin.meanReference = sumReference[b] / double(bin.pixels);
        bin.meanCandidate = sumCandidate[b] / double(bin.pixels);
        bin.ratio = bin.meanReference != 0 ? bin.meanCandidate / bin.meanReference
                                           : std::numeric_limits<double>::quiet_NaN();
    }
    return out;
}

}  // namespace bragg
