#include "compare/Registration.h"

#include <algorithm>
#include <cmath>
#include <complex>
#include <numbers>
#include <vector>

#include <unsupported/Eigen/FFT>

#include "compare/Metrics.h"
#include "core/Error.h"

namespace bragg {
namespace {

using Complex = std::complex<double>;

// A length at least n whose only prime factors are 2, 3 and 5 (kissfft is slow on large primes).
int fastFftLength(int n) {
    for (int m = std::max(n, 1);; ++m) {
        int r = m;
        for (int p : {2, 3, 5})
            while (r % p == 0) r /= p;
        if (r == 1) return m;
    }
}

// In-place 2-D transform of a rows × columns row-major array, rows then columns.
void fft2(std::vector<Complex>& data, int columns, int rows, bool inverse) {
    Eigen::FFT<double> fft;
    std::vector<Complex> in(std::size_t(std::max(columns, rows))), out(in.size());
    for (int r = 0; r < rows; ++r) {
        Complex* row = data.data() + std::size_t(r) * std::size_t(columns);
        std::copy(row, row + columns, in.begin());
        if (inverse)
            fft.inv(out.data(), in.data(), columns);
        else
            fft.fwd(out.data(), in.data(), columns);
        std::copy(out.begin(), out.begin() + columns, row);
    }
    for (int c = 0; c < columns; ++c) {
        for (int r = 0; r < rows; ++r)
            in[std::size_t(r)] = data[std::size_t(r) * std::size_t(columns) + std::size_t(c)];
        if (inverse)
            fft.inv(out.data(), in.data(), rows);
        else
            fft.fwd(out.data(), in.data(), rows);
        for (int r = 0; r < rows; ++r)
            data[std::size_t(r) * std::size_t(columns) + std::size_t(c)] = out[std::size_t(r)];
    }
}

struct Window {
    int fast0, slow0, width, height;
};

// The image's central window, mean-free (non-finite pixels at the mean), Hann-tapered so the
// periodic FFT sees no edge, zero-padded to columns × rows.
std::vector<Complex> prepared(const Image& image, const Window& w, int columns, int rows) {
    double sum = 0;
    std::size_t finite = 0;
    for (int s = 0; s < w.height; ++s)
        for (int f = 0; f < w.width; ++f) {
            const float v = image.at(w.fast0 + f, w.slow0 + s);
            if (std::isfinite(v)) {
                sum += v;
                ++finite;
            }
        }
    const double mean = finite ? sum / double(finite) : 0.0;
    const auto hann = [](int n) {
        std::vector<double> w(std::size_t(n), 1.0);
        for (int i = 0; n > 1 && i < n; ++i)
            w[std::size_t(i)] = 0.5 - 0.5 * std::cos(2 * std::numbers::pi * i / (n - 1));
        return w;
    };
    const std::vector<double> hannFast = hann(w.width), hannSlow = hann(w.height);
    std::vector<Complex> out(std::size_t(columns) * std::size_t(rows));
    for (int s = 0; s < w.height; ++s)
        for (int f = 0; f < w.width; ++f) {
            const float v = image.at(w.fast0 + f, w.slow0 + s);
            const double centred = std::isfinite(v) ? double(v) - mean : 0.0;
            out[std::size_t(s) * std::size_t(columns) + std::size_t(f)] =
                centred * hannFast[std::size_t(f)] * hannSlow[std::size_t(s)];
        }
    return out;
}

// Vertex offset in [-1, 1] of the peak through (−1, below), (0, peak), (+1, above).
double peakOffset(double below, double peak, double above) {
    if (below > 0 && peak > 0 && above > 0) {  // a Gaussian is a parabola in log
        below = std::log(below);
        above = std::log(above);
        peak = std::log(peak);
    }
    const double curvature = below - 2 * peak + above;
    if (!(curvature < 0)) return 0;
    return std::clamp(0.5 * (below - above) / curvature, -1.0, 1.0);
}

// Bilinear sample at (f, s) in pixel coordinates; NaN outside the image or next to a non-finite pixel.
float bilinear(const Image& image, double f, double s) {
    const double f0 = std::floor(f), s0 = std::floor(s);
    const double tf = f - f0, ts = s - s0;
    const int fi = int(f0), si = int(s0);
    const int fj = tf > 0 ? fi + 1 : fi, sj = ts > 0 ? si + 1 : si;
    if (fi < 0 || si < 0 || fj >= image.fpixels || sj >= image.spixels) return NAN;
    const double v = (1 - ts) * ((1 - tf) * image.at(fi, si) + tf * image.at(fj, si)) +
                     ts * ((1 - tf) * image.at(fi, sj) + tf * image.at(fj, sj));
    return float(v);  // NaN or inf propagate from a non-finite neighbour
}

Image resampled(const Image& image, double byFastPx, double bySlowPx) {
    Image out(image.fpixels, image.spixels);
    for (int s = 0; s < image.spixels; ++s)
        for (int f = 0; f < image.fpixels; ++f) out.at(f, s) = bilinear(image, f + byFastPx, s + bySlowPx);
    return out;
}

}  // namespace

Registration registerImages(const Image& reference, const Image& candidate) {
    if (reference.fpixels != candidate.fpixels || reference.spixels != candidate.spixels)
        throw usageError("registration: image sizes differ");
    Registration r;
    if (reference.size() == 0) return r;
    const int width = std::min(reference.fpixels, kMaxRegistrationSidePx);
    const int height = std::min(reference.spixels, kMaxRegistrationSidePx);
    const Window w{(reference.fpixels - width) / 2, (reference.spixels - height) / 2, width, height};
    const int columns = fastFftLength(width), rows = fastFftLength(height);
    std::vector<Complex> a = prepared(reference, w, columns, rows), b = prepared(candidate, w, columns, rows);
    fft2(a, columns, rows, false);
    fft2(b, columns, rows, false);
    for (std::size_t i = 0; i < a.size(); ++i) a[i] = std::conj(a[i]) * b[i];
    fft2(a, columns, rows, true);  // a[τ] = Σ_x ref(x)·cand(x + τ): peaks at the candidate's shift
    const auto cc = [&](int f, int s) {
        f = (f % columns + columns) % columns;
        s = (s % rows + rows) % rows;
        return a[std::size_t(s) * std::size_t(columns) + std::size_t(f)].real();
    };
    int bestF = 0, bestS = 0;
    for (int s = 0; s < rows; ++s)
        for (int f = 0; f < columns; ++f)
            if (cc(f, s) > cc(bestF, bestS)) {
                bestF = f;
                bestS = s;
            }
    if (!(cc(bestF, bestS) > 0)) return r;  // no correlated structure (e.g. a flat image)
    const double dF = peakOffset(cc(bestF - 1, bestS), cc(bestF, bestS), cc(bestF + 1, bestS));
    const double dS = peakOffset(cc(bestF, bestS - 1), cc(bestF, bestS), cc(bestF, bestS + 1));
    // Lags past half the transform are negative shifts.
    r.shiftFastPx = (bestF > columns / 2 ? bestF - columns : bestF) + dF;
    r.shiftSlowPx = (bestS > rows / 2 ? bestS - rows : bestS) + dS;
    r.shiftSignificant = std::hypot(r.shiftFastPx, r.shiftSlowPx) > Registration::kSignificantShiftPx;

    // candidate(x + shift/2) and reference(x − shift/2) show the same content at x.
    const Image alignedReference = resampled(reference, -r.shiftFastPx / 2, -r.shiftSlowPx / 2);
    const Image alignedCandidate = resampled(candidate, r.shiftFastPx / 2, r.shiftSlowPx / 2);
    std::vector<std::uint32_t> overlap;
    for (std::size_t i = 0; i < reference.size(); ++i)
        if (std::isfinite(alignedReference.pixels[i]) && std::isfinite(alignedCandidate.pixels[i]))
            overlap.push_back(std::uint32_t(i));
    r.overlapPixels = overlap.size();
    r.pearsonUnshifted = basicMetrics(reference, candidate, overlap).pearson;
    r.pearsonShifted = basicMetrics(alignedReference, alignedCandidate, overlap).pearson;
    return r;
}

}  // namespace bragg
