#include "random/Ran1.h"

namespace bragg {

namespace {
constexpr long long IA = 16807;
constexpr long long IM = 2147483647;
constexpr double AM = 1.0 / double(IM);
constexpr long long IQ = 127773;
constexpr long long IR = 2836;
constexpr int NTAB = 32;
constexpr long long NDIV = 1 + (IM - 1) / NTAB;
constexpr double EPS = 1.2e-7;
constexpr double RNMX = 1.0 - EPS;  // compared in double, returned as float (as the reference)

// Schrage's method: IA*x mod IM without overflow.
long long step(long long x) {
    const long long k = x / IQ;
    x = IA * (x - k * IQ) - IR * k;
    if (x < 0) x += IM;
    return x;
}
}  // namespace

float ran1(long long& idum, Ran1Table& table) {
    if (idum <= 0 || table.iy == 0) {
        idum = (-idum < 1) ? 1 : -idum;
        for (int j = NTAB + 7; j >= 0; --j) {
            idum = step(idum);
            if (j < NTAB) table.iv[j] = idum;
        }
        table.iy = table.iv[0];
    }
    idum = step(idum);
    const long long j = table.iy / NDIV;
    table.iy = table.iv[j];
    table.iv[j] = idum;
    const float r = static_cast<float>(AM * double(table.iy));
    return (double(r) > RNMX) ? static_cast<float>(RNMX) : r;
}

}  // namespace bragg
