#pragma once
// Gaussian and Poisson deviates on top of ran1 (docs/physics.md §12.2, §12.3). The arithmetic follows
// the reference program's single-precision variables step by step, because the noise image is
// only bit-identical to the reference if every intermediate rounds the same way.
#include "random/Ran1.h"

namespace bragg {

// ln Γ(x), Lanczos form: single-precision argument, double arithmetic, single-precision result.
float lnGamma(float x);

// One seeded stream: the caller's seed variable (advanced in place) plus the shared table.
// The Box–Muller spare belongs to the stream object.
class RandomStream {
public:
    RandomStream(long long& idum, Ran1Table& table) : idum_(&idum), table_(&table) {}

    float uniform() { return ran1(*idum_, *table_); }
    float gaussian();
    // An integer-valued float drawn from Poisson(mean); mean <= 0 returns 0 after one draw.
    float poisson(float mean);

private:
    long long* idum_;
    Ran1Table* table_;
    bool hasSpare_ = false;
    float spare_ = 0.0f;
};

}  // namespace bragg
