#include "random/RandomStream.h"

#include <cmath>
#include <numbers>

// Precision convention used below (docs/physics.md §12.3): a named float variable is a float; a
// float*float or float+float result is rounded to float immediately (plain float arithmetic);
// anything involving a double constant or a libm call is done in double and rounded on store.
// Products and sums are kept in separate statements so that no compiler contracts them into
// an FMA (which would skip a rounding): GCC in ISO mode does not contract at all, Clang only
// within one expression.

namespace bragg {

float lnGamma(float xx) {
    static constexpr double cof[6] = {76.18009172947146,  -86.50532032941677,    24.01409824083091,
                                      -1.231739572450155, 0.1208650973866179e-2, -0.5395239384953e-5};
    const double x = xx;
    double y = x;
    double tmp = x + 5.5;
    const double lnTerm = (x + 0.5) * std::log(tmp);
    tmp -= lnTerm;
    double ser = 1.000000000190015;
    for (double c : cof) ser += c / ++y;
    return static_cast<float>(-tmp + std::log(2.5066282746310005 * ser / x));
}

float RandomStream::gaussian() {
    if (hasSpare_) {
        hasSpare_ = false;
        return spare_;
    }
    float v1, v2, r;
    do {
        v1 = static_cast<float>(2.0 * double(uniform()) - 1.0);
        v2 = static_cast<float>(2.0 * double(uniform()) - 1.0);
        const float v1sq = v1 * v1;  // float: each square and the sum round to float
        const float v2sq = v2 * v2;
        r = v1sq + v2sq;
    } while (r >= 1.0f || r == 0.0f);
    const float fac = static_cast<float>(std::sqrt(-2.0 * std::log(double(r)) / double(r)));
    spare_ = v1 * fac;
    hasSpare_ = true;
    return v2 * fac;
}

float RandomStream::poisson(float m) {
    if (m > 1.0e6f) {
        // Normal approximation; the sum is formed in double and rounded once.
        const float gauss = gaussian();
        const double spread = std::sqrt(double(m)) * double(gauss);
        return static_cast<float>(double(m) + spread);
    }
    if (m < 12.0f) {
        // Multiply uniforms until the product drops to exp(-m).
        const float g = static_cast<float>(std::exp(-double(m)));
        float n = -1.0f;
        float t = 1.0f;
        do {
            n += 1.0f;
            t *= uniform();
        } while (t > g);
        return n;
    }
    // Rejection method with a Lorentzian comparison function.
    const float sq = static_cast<float>(std::sqrt(2.0 * double(m)));
    const float lm = static_cast<float>(std::log(double(m)));
    const float mlm = m * lm;
    const float g = mlm - lnGamma(static_cast<float>(double(m) + 1.0));
    float e, t, y;
    do {
        do {
            y = static_cast<float>(std::tan(std::numbers::pi * double(uniform())));
            const float sqy = sq * y;
            e = sqy + m;
        } while (e < 0.0f);
        e = std::floor(e);
        const float elm = e * lm;
        const float expo = elm - lnGamma(static_cast<float>(double(e) + 1.0)) - g;
        const float ysq = y * y;
        t = static_cast<float>(0.9 * (1.0 + double(ysq)) * std::exp(double(expo)));
    } while (uniform() > t);
    return e;
}

}  // namespace bragg
