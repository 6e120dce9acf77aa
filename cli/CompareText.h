#pragma once
// The terminal form of a comparison and of a bisection.
#include <cstdio>

#include "compare/Bisect.h"
#include "compare/PrecisionCheck.h"
#include "report/CompareSummary.h"

namespace bragg::cli {

void printComparison(std::FILE* out, const report::CompareSummary& summary);
void printBisect(std::FILE* out, const BisectResult& result);  // with its quirk attribution, if any
void printQuirkAttribution(std::FILE* out, const QuirkAttribution& attribution);
// The three pairs (candidate, reference, reference-f32) and whether float32 explains the difference.
void printPrecisionCheck(std::FILE* out, const PrecisionCheck& check);

}  // namespace bragg::cli
