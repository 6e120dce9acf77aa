#include "compare/Orientation.h"

#include <cstdio>
#include <iterator>

#include "compare/Metrics.h"
#include "core/Error.h"

namespace bragg {
namespace {

// Each orientation as transpose, then reverse fast, then reverse slow (of the transposed image),
// with its names; indexed by the enum.
struct Info {
    bool transpose, flipFast, flipSlow;
    const char* id;
    const char* description;
};

constexpr Info kInfo[] = {
    {false, false, false, "identity", "as is"},
    {false, true, false, "flip-fast", "flipped in fast"},
    {false, false, true, "flip-slow", "flipped in slow"},
    {false, true, true, "rotate-180", "rotated 180°"},
    {true, false, false, "transpose", "transposed (fast ↔ slow)"},
    {true, true, true, "anti-transpose", "transposed about the other diagonal (fast ↔ slow, both reversed)"},
    // out(f, s) = in(s, S − 1 − f)
    {true, true, false, "rotate-90-clockwise", "rotated 90° clockwise (fast right, slow down)"},
    {true, false, true, "rotate-90-counterclockwise", "rotated 90° counterclockwise (fast right, slow down)"},
};

static_assert(std::size(kInfo) == kOrientations.size());

const Info& info(Orientation o) { return kInfo[static_cast<int>(o)]; }

Orientation inverse(Orientation o) {
    if (o == Orientation::Rotate90Clockwise) return Orientation::Rotate90Counterclockwise;
    if (o == Orientation::Rotate90Counterclockwise) return Orientation::Rotate90Clockwise;
    return o;  // the others undo themselves
}

std::string number(double v) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.6g", v);
    return buffer;
}

std::string sizeText(const Image& image) {
    return std::to_string(image.fpixels) + "x" + std::to_string(image.spixels);
}

}  // namespace

const char* toString(Orientation o) { return info(o).id; }

const char* describe(Orientation o) { return info(o).description; }

bool swapsAxes(Orientation o) { return info(o).transpose; }

Image applyOrientation(const Image& image, Orientation o) {
    const Info& st = info(o);
    const int fast = st.transpose ? image.spixels : image.fpixels;
    const int slow = st.transpose ? image.fpixels : image.spixels;
    Image out(fast, slow);
    for (int s = 0; s < slow; ++s)
        for (int f = 0; f < fast; ++f) {
            const int tf = st.flipFast ? fast - 1 - f : f, ts = st.flipSlow ? slow - 1 - s : s;
            out.at(f, s) = st.transpose ? image.at(ts, tf) : image.at(tf, ts);
        }
    return out;
}

Image undoOrientation(const Image& image, Orientation o) { return applyOrientation(image, inverse(o)); }

bool swappedSize(const Image& image, int fpixels, int spixels) {
    return fpixels != spixels && image.fpixels == spixels && image.spixels == fpixels;
}

Image correctedCandidate(const Image& candidate, const OrientationTrial& trial) {
    if (!trial.reshaped) return undoOrientation(candidate, trial.orientation);
    Image reshaped;
    reshaped.fpixels = candidate.spixels;
    reshaped.spixels = candidate.fpixels;
    reshaped.pixels = candidate.pixels;
    return undoOrientation(reshaped, trial.orientation);
}

OrientationCheck checkOrientation(const Image& reference, const Image& candidate) {
    OrientationCheck check;
    check.sizesSwapped = swappedSize(candidate, reference.fpixels, reference.spixels);
    const bool sameSize = candidate.fpixels == reference.fpixels && candidate.spixels == reference.spixels;
    if (!sameSize && !check.sizesSwapped)
        throw usageError("orientation: the candidate is " + sizeText(candidate) + ", the reference " +
                         sizeText(reference) + " (neither the same nor swapped)");
    const bool square = reference.fpixels == reference.spixels;
    for (const bool reshaped : {false, true}) {
        if (reshaped && (square || check.sizesSwapped)) break;  // a reshape only for the same non-square size
        for (const Orientation o : kOrientations) {
            // Without a reshape the transposes need swapped sizes (or a square); with it, only they fit.
            const bool fits = reshaped ? swapsAxes(o) : square || (swapsAxes(o) == check.sizesSwapped);
            if (!fits) continue;
            const OrientationTrial trial{o, reshaped, 0};
            const double p = basicMetrics(reference, correctedCandidate(candidate, trial)).pearson;
            check.trials.push_back({o, reshaped, p});
        }
    }
    if (!check.sizesSwapped) check.pearsonAsIs = check.trials.front().pearson;
    const double asIs = check.pearsonAsIs.value_or(0.0);
    std::optional<OrientationTrial> best;
    for (const OrientationTrial& t : check.trials)
        if ((t.orientation != Orientation::Identity || t.reshaped) && (!best || t.pearson > best->pearson))
            best = t;
    const std::string asIsText = check.pearsonAsIs ? " (" + number(asIs) + " as is)" : "";
    if (best && best->pearson > asIs && 1 - best->pearson <= 0.5 * (1 - asIs)) {
        check.found = best;
        check.line =
            std::string("candidate is the reference ") + describe(best->orientation) +
            (best->reshaped ? ", its raw data read with the reference's " + sizeText(reference) + " size"
                            : std::string()) +
            ": pearson " + number(best->pearson) + " after undoing it" + asIsText;
    } else if (check.sizesSwapped) {
        check.line = "the candidate is " + sizeText(candidate) + ", the reference " + sizeText(reference) +
                     ", and no transpose of it matches (best pearson " + number(best ? best->pearson : 0.0) +
                     ")";
    }
    return check;
}

}  // namespace bragg
