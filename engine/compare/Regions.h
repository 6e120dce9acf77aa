#pragma once
// Where two images part and what kind of difference it is: the comparison's optional "regions"
// part (tiles, resolution shells, spots vs background, registration, scale, diagnosis).
#include <string>
#include <vector>

#include "compare/Diagnosis.h"
#include "compare/Registration.h"
#include "compare/ScaleFit.h"
#include "compare/Shells.h"
#include "compare/SpotMetrics.h"
#include "compare/Tiles.h"

namespace bragg {

struct RegionOptions {
    TileGrid tiles;
    ShellOptions shells;
    SpotOptions spots;
    bool operator==(const RegionOptions&) const = default;
};

struct RegionReport {
    RegionOptions options;
    std::vector<TileMetrics> tiles;    // pixel bounds in full-image coordinates (ROI origin added)
    std::vector<ShellMetrics> shells;  // empty when shellsSkipped
    std::string shellsSkipped;         // why there are no shells (e.g. "no geometry"), else empty
    SpotMetrics spots;
    Registration registration;
    ScaleFit scale;
    Diagnosis diagnosis;
};

}  // namespace bragg
