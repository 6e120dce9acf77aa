#include "compare/Orientation.h"

#include <cstdio>

#include "compare/Metrics.h"
#include "core/Error.h"

namespace bragg {
namespace {

// Each orientation as transpose, then reverse fast, then reverse slow (of the transposed image).
struct Steps {
    bool transpose, flipFast, flipSlow;
};

Steps steps(Orientation o) {
    switch (o) {
        case Orientation::Identity:
            return {false, false, false};
        case Orientation::FlipFast:
            return {false, true, false};
        case Orientation::FlipSlow:
            return {false, false, true};
        case Orientation::Rotate180:
            return {false, true, true};
        case Orientation::Transpose:
            return {true, false, false};
        case Orientation::AntiTranspose:
            return {true, true, true};
        case Orientation::Rotate90Clockwise:
            return {true, true, false};  // out(f, s) = in(s, S−1−f)
        case Orientation::Rotate90Counterclockwise:
            return {true, false, true};
    }
    return {false, false, false};
}

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

const char* toString(Orientation o) {
    switch (o) {
        case Orientation::Identity:
            return "identity";
        case Orientation::FlipFast:
            return "flip-fast";
        case Orientation::FlipSlow:
            return "flip-slow";
        case Orientation::Rotate180:
            return "rotate-180";
        case Orientation::Transpose:
            return "transpose";
        case Orientation::AntiTranspose:
            return "anti-transpose";
        case Orientation::Rotate90Clockwise:
            return "rotate-90-clockwise";
        case Orientation::Rotate90Counterclockwise:
            return "rotate-90-counterclockwise";
    }
    return "?";
}

const char* describe(Orientation o) {
    switch (o) {
        case Orientation::Identity:
            return "as is";
        case Orientation::FlipFast:
            return "flipped in fast";
        case Orientation::FlipSlow:
            return "flipped in slow";
        case Orientation::Rotate180:
            return "rotated 180°";
        case Orientation::Transpose:
            return "transposed (fast ↔ slow)";
        case Orientation::AntiTranspose:
            return "transposed about the other diagonal (fast ↔ slow, both reversed)";
        case Orientation::Rotate90Clockwise:
            return "rotated 90° clockwise (fast right, slow down)";
        case Orientation::Rotate90Counterclockwise:
            return "rotated 90° counterclockwise (fast right, slow down)";
    }
    return "?";
}

bool swapsAxes(Orientation o) { return steps(o).transpose; }

Image applyOrientation(const Image& image, Orientation o) {
    const Steps st = steps(o);
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
