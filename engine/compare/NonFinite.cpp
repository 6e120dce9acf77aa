#include "compare/NonFinite.h"

#include <cmath>
#include <map>
#include <utility>

#include "core/Error.h"

namespace bragg {
namespace {

void count(NonFiniteCounts& counts, PixelClass c) {
    if (c == PixelClass::Nan)
        ++counts.nan;
    else if (c == PixelClass::PlusInf)
        ++counts.plusInf;
    else if (c == PixelClass::MinusInf)
        ++counts.minusInf;
}

// "the reference is finite" / "the reference has +inf"
std::string sideState(const char* side, PixelClass c) {
    return std::string(side) + (c == PixelClass::Finite ? " is finite" : std::string(" has ") + toString(c));
}

}  // namespace

PixelClass classify(float v) {
    if (std::isnan(v)) return PixelClass::Nan;
    if (std::isinf(v)) return v > 0 ? PixelClass::PlusInf : PixelClass::MinusInf;
    return PixelClass::Finite;
}

const char* toString(PixelClass c) {
    switch (c) {
        case PixelClass::Nan:
            return "NaN";
        case PixelClass::PlusInf:
            return "+inf";
        case PixelClass::MinusInf:
            return "-inf";
        case PixelClass::Finite:
            break;
    }
    return "finite";
}

NonFiniteSummary summarizeNonFinite(const Image& reference, const Image& candidate) {
    if (reference.fpixels != candidate.fpixels || reference.spixels != candidate.spixels)
        throw usageError("image sizes differ: " + std::to_string(reference.fpixels) + "x" +
                         std::to_string(reference.spixels) + " vs " + std::to_string(candidate.fpixels) +
                         "x" + std::to_string(candidate.spixels));
    NonFiniteSummary s;
    std::map<std::pair<PixelClass, PixelClass>, NonFiniteMismatch> groups;
    const std::size_t n = reference.size();
    for (std::size_t i = 0; i < n; ++i) {
        const PixelClass a = classify(reference.pixels[i]), b = classify(candidate.pixels[i]);
        if (a == PixelClass::Finite && b == PixelClass::Finite) continue;
        count(s.reference, a);
        count(s.candidate, b);
        const PixelPosition at{int(i % std::size_t(reference.fpixels)),
                               int(i / std::size_t(reference.fpixels))};
        if (a == b) {
            ++s.shared;
            if (s.sharedFirst.size() < NonFiniteSummary::kPositionsKept) s.sharedFirst.push_back(at);
            continue;
        }
        NonFiniteMismatch& g = groups[{a, b}];
        g.reference = a;
        g.candidate = b;
        ++g.count;
        if (g.first.size() < NonFiniteSummary::kPositionsKept) g.first.push_back(at);
    }
    for (auto& [key, group] : groups) s.mismatches.push_back(std::move(group));
    return s;
}

std::vector<std::string> describeMismatches(const NonFiniteSummary& s) {
    std::vector<std::string> lines;
    for (const NonFiniteMismatch& g : s.mismatches) {
        // Name the side that is non-finite; when both are (of different classes), the candidate.
        const bool candidateSide = g.candidate != PixelClass::Finite;
        const PixelClass own = candidateSide ? g.candidate : g.reference;
        const PixelClass other = candidateSide ? g.reference : g.candidate;
        const std::string plural = g.count == 1 ? " pixel" : " pixels";
        std::string line = std::string(candidateSide ? "candidate" : "reference") + " has " + toString(own) +
                           " at " + std::to_string(g.count) + plural + " where the " +
                           sideState(candidateSide ? "reference" : "candidate", other);
        if (!g.first.empty())
            line += ", first at fast " + std::to_string(g.first.front().fast) + ", slow " +
                    std::to_string(g.first.front().slow);
        lines.push_back(line);
    }
    return lines;
}

void offsetPositions(NonFiniteSummary& s, int fast0, int slow0) {
    const auto shift = [&](std::vector<PixelPosition>& list) {
        for (PixelPosition& p : list) {
            p.fast += fast0;
            p.slow += slow0;
        }
    };
    shift(s.sharedFirst);
    for (NonFiniteMismatch& g : s.mismatches) shift(g.first);
}

}  // namespace bragg
