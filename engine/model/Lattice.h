#pragma once
// Crystal lattice set-up (docs/physics.md §4, §7): cell → reciprocal and real vectors,
// orientation matrix, missetting, and the per-(φ, domain) orientation table.
#include <array>

#include "core/Vec3.h"
#include "model/Experiment.h"

namespace bragg {

struct ReciprocalCell {
    Vec3 aStar, bStar, cStar;  // Å⁻¹
};

// docs/physics.md §4.1: reciprocal vectors in the default orientation, with the reference's c* formula.
// Also returns the volume (Å³) and the edge lengths after defaulting.
struct CellParameters {
    double a, b, c, alpha, beta, gamma;  // Å, rad
    double volume;                       // Å³
};
CellParameters resolveCell(const std::array<double, 6>& given);
ReciprocalCell reciprocalFromCell(const CellParameters& cell);

// docs/physics.md §4.2: a MOSFLM A matrix (row-major, columns a*, b*, c*) divided by λ0 in Å.
ReciprocalCell reciprocalFromMatrix(const std::array<double, 9>& m, double lambdaA);

struct RealCell {
    Vec3 a, b, c;              // m
    Vec3 aStar, bStar, cStar;  // regenerated reciprocal vectors, Å⁻¹
};
// docs/physics.md §4.4. `cell` imposes lengths and volume when the cell came from -cell.
RealCell realFromReciprocal(const ReciprocalCell& r, const CellParameters* cell);

// Fills crystal.aLater/.. and aFirst/.. from a0, b0, c0, φ steps and mosaic matrices (docs/physics.md §7).
void buildOrientationTable(CrystalModel& crystal, const Vec3& spindle, bool fixPhiZero);

}  // namespace bragg
