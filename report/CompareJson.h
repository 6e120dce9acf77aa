#pragma once
// JSON forms of the comparison core's values. Key names follow the golden meta.json where they
// overlap ("pearson_min", "sum_ratio_tol").
#include <nlohmann/json.hpp>

#include "compare/Bisect.h"
#include "compare/Comparison.h"
#include "compare/PrecisionCheck.h"

namespace bragg::report {

nlohmann::ordered_json toJson(const Thresholds& t);
nlohmann::ordered_json toJson(const Roi& roi);
nlohmann::ordered_json toJson(const PeakOptions& p);
nlohmann::ordered_json toJson(const PeakMatch& p);
nlohmann::ordered_json toJson(const NonFiniteSummary& s);  // counts per side, shared, mismatch groups
nlohmann::ordered_json metricsJson(const Comparison& c);   // every metric, both sums, max|Δ| and where
// Tiles, shells, spots, registration, scale, diagnosis.
nlohmann::ordered_json toJson(const RegionReport& r);
// Verdict, failures, metrics, peaks, thresholds, ROI, and regions if computed.
nlohmann::ordered_json toJson(const Comparison& c);
nlohmann::ordered_json toJson(const BisectResult& r);  // with "quirk_attribution" if made
nlohmann::ordered_json toJson(const QuirkAttribution& q);
// summary.json "precision": the three pairs' metrics, the rule's outcome and the line.
nlohmann::ordered_json toJson(const PrecisionCheck& p);
nlohmann::ordered_json toJson(const OrientationCheck& o);  // every trial, the one named and why
nlohmann::ordered_json toJson(const PixelGate& g);         // counts and both histograms (bins documented)
nlohmann::ordered_json toJson(const NoiseFloor& n);

// Overrides `base` with the keys present in `j` (unknown keys: Error(Usage) naming them).
Thresholds thresholdsFromJson(const nlohmann::ordered_json& j, Thresholds base);

}  // namespace bragg::report
