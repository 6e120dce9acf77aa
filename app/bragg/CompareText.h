#pragma once
// The terminal form of a comparison and of a bisection.
#include <cstdio>

#include "compare/Bisect.h"
#include "report/CompareSummary.h"

namespace bragg::cli {

void printComparison(std::FILE* out, const report::CompareSummary& summary);
void printBisect(std::FILE* out, const BisectResult& result);

}  // namespace bragg::cli
