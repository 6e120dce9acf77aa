#include "compare/Shells.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "core/Error.h"

namespace bragg {
namespace {

// 1/d² orders pixels by resolution and is 0 (not a division by zero) at the direct beam.
double inverseD2(double dA) { return std::isinf(dA) ? 0.0 : 1.0 / (dA * dA); }

double dFromInverseD2(double q) { return q > 0 ? 1.0 / std::sqrt(q) : INFINITY; }

}  // namespace

const char* toString(ShellMode m) { return m == ShellMode::EqualCount ? "count" : "inv-d2"; }

std::vector<ShellMetrics> shellMetrics(const Image& reference, const Image& candidate,
                                       const std::vector<double>& dSpacingA, const ShellOptions& options) {
    if (options.count < 1)
        throw usageError("shells: expected at least one shell, got " + std::to_string(options.count));
    if (dSpacingA.size() != reference.size())
        throw usageError("shells: the d-spacing map has " + std::to_string(dSpacingA.size()) +
                         " values for an image of " + std::to_string(reference.size()) + " pixels");
    std::vector<std::pair<double, std::uint32_t>> keyed;  // (1/d², pixel) of pixels with a resolution
    for (std::size_t i = 0; i < dSpacingA.size(); ++i)
        if (dSpacingA[i] > 0) keyed.emplace_back(inverseD2(dSpacingA[i]), std::uint32_t(i));  // NaN: false
    const std::size_t n = keyed.size(), shells = std::size_t(options.count);
    std::vector<std::vector<std::uint32_t>> members(shells);
    if (options.mode == ShellMode::EqualCount) {
        // Partitioned at the shell boundaries, not sorted: a full sort of 10⁶ pixels cost 0.1 s.
        for (std::size_t k = 0; k < shells; ++k) {
            const auto begin = keyed.begin() + std::ptrdiff_t(k * n / shells);
            const auto end = keyed.begin() + std::ptrdiff_t((k + 1) * n / shells);
            if (end != keyed.end()) std::nth_element(begin, end, keyed.end());
            for (auto it = begin; it != end; ++it) members[k].push_back(it->second);
        }
    } else if (n > 0) {
        const auto [low, high] = std::minmax_element(keyed.begin(), keyed.end());
        const double qLow = low->first, width = (high->first - qLow) / double(shells);
        for (const auto& [q, i] : keyed) {
            const double bin = width > 0 ? std::floor((q - qLow) / width) : 0.0;
            members[std::min(shells - 1, std::size_t(bin))].push_back(i);
        }
    }
    std::vector<ShellMetrics> out;
    for (const std::vector<std::uint32_t>& pixels : members) {
        ShellMetrics s;
        s.metrics = basicMetrics(reference, candidate, pixels);
        if (!pixels.empty()) {
            double qMin = INFINITY, qMax = -INFINITY;
            for (std::uint32_t i : pixels) {
                qMin = std::min(qMin, inverseD2(dSpacingA[i]));
                qMax = std::max(qMax, inverseD2(dSpacingA[i]));
            }
            s.dMaxA = dFromInverseD2(qMin);
            s.dMinA = dFromInverseD2(qMax);
        }
        out.push_back(s);
    }
    return out;
}

}  // namespace bragg
