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
    std::vector<std::uint32_t> order;  // pixels with a resolution, by 1/d²
    std::vector<double> q(dSpacingA.size());
    for (std::size_t i = 0; i < dSpacingA.size(); ++i) {
        q[i] = inverseD2(dSpacingA[i]);
        if (dSpacingA[i] > 0) order.push_back(std::uint32_t(i));  // NaN compares false
    }
    std::stable_sort(order.begin(), order.end(),
                     [&](std::uint32_t a, std::uint32_t b) { return q[a] < q[b]; });
    const std::size_t n = order.size(), shells = std::size_t(options.count);
    std::vector<std::vector<std::uint32_t>> members(shells);
    if (options.mode == ShellMode::EqualCount) {
        for (std::size_t k = 0; k < shells; ++k)
            members[k].assign(order.begin() + std::ptrdiff_t(k * n / shells),
                              order.begin() + std::ptrdiff_t((k + 1) * n / shells));
    } else if (n > 0) {
        const double qLow = q[order.front()], width = (q[order.back()] - qLow) / double(shells);
        for (std::uint32_t i : order) {
            const double bin = width > 0 ? std::floor((q[i] - qLow) / width) : 0.0;
            members[std::min(shells - 1, std::size_t(bin))].push_back(i);
        }
    }
    std::vector<ShellMetrics> out;
    for (const std::vector<std::uint32_t>& pixels : members) {
        ShellMetrics s;
        s.metrics = basicMetrics(reference, candidate, pixels);
        if (!pixels.empty()) {
            s.dMaxA = dFromInverseD2(q[pixels.front()]);  // members keep the 1/d² order
            s.dMinA = dFromInverseD2(q[pixels.back()]);
        }
        out.push_back(std::move(s));
    }
    return out;
}

}  // namespace bragg
