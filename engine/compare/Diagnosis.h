#pragma once
// One line saying what kind of disagreement the region metrics show, with the numbers that led
// to it: a shift (beam centre, pix0), a scale, a resolution trend (λ, dispersion, mosaicity,
// polarization, solid angle), the spots alone (structure factors, lattice factor) or a few tiles. It names a
// pattern only when the numbers show it, and nothing when the images agree.
#include <string>
#include <vector>

#include "compare/Metrics.h"
#include "compare/Peaks.h"
#include "compare/Registration.h"
#include "compare/ScaleFit.h"
#include "compare/Shells.h"
#include "compare/SpotMetrics.h"
#include "compare/Thresholds.h"
#include "compare/Tiles.h"

namespace bragg {

enum class DiagnosisKind {
    None,
    Shift,
    Scale,
    Resolution,
    Spots,
    SpotsMoved,
    Local,
    Unexplained,
    Orientation
};

const char* toString(DiagnosisKind k);  // "none", "shift", "scale", "resolution", "spots", ...

struct Diagnosis {
    DiagnosisKind kind = DiagnosisKind::None;
    std::string line;  // empty for None
};

struct DiagnosisInputs {
    const BasicMetrics& whole;
    const PeakMatch& peaks;
    const Thresholds& thresholds;
    const std::vector<TileMetrics>& tiles;
    const std::vector<ShellMetrics>& shells;  // empty without geometry
    const SpotMetrics& spots;
    const Registration& registration;
    const ScaleFit& scale;
};

// The first rule that holds, in this order:
// - shift: the registration's shift is significant and undoing it removes at least half of 1 − pearson;
// - scale: pearson passes, the least-squares scale is off 1 by more than the sum-ratio tolerance,
//   and scaling removes at least 90% of the rms residual;
// - resolution (3+ non-empty shells): the shells' sum ratio or 1 − pearson changes monotonically
//   with resolution (rank correlation ≥ 0.8) by more than the thresholds allow;
// - spots moved: the spots' intensity centroids are on average > 0.25 px from the reference's;
// - spots: ≥ 90% of Σ Δ² on the reference's spots, which cover at most half the pixels;
// - local: at most a quarter of the tiles fail and they hold ≥ 80% of Σ Δ²;
// - otherwise None when the thresholds pass, else Unexplained.
// (addRegions puts Orientation, compare/Orientation.h, before all of these.)
Diagnosis diagnose(const DiagnosisInputs& in);

}  // namespace bragg
