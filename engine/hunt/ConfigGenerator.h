#pragma once
// Seeded random nanoBragg command lines over the feature families of the flag table, for
// differential tests against another implementation (the original program, a port). Each draw
// is small (a few thousand pixel evaluations) and fully determined by (seed, index): the same
// numbers on every machine (own generator, no std:: distributions, whose output is unspecified).
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace bragg::hunt {

// The families a configuration can draw from; a draw switches each on with some probability.
enum class Family {
    Geometry,      // detector size, pixel, distance / close distance, beam centre, conventions
    Rotations,     // detector_rotx/y/z, two-theta, pivots
    Cell,          // triclinic or cubic cell, N / Na Nb Nc
    Misset,        // fixed misset, random misset with its seed in either order, the -misset_seed quirk
    Mosaic,        // spread, domains, seed
    Phi,           // φ0, oscillation, steps
    Divergence,    // h/v ranges, steps, round/square
    Dispersion,    // bandwidth, steps
    SourceFile,    // a generated -sourcefile
    Oversample,    // -oversample and the _thick/_polar/_omega flags
    Thickness,     // sensor thickness, layers, absorption depth
    Curved,        // -curved_det 1
    PointPixel,    // -point_pixel
    Polarization,  // -polar K, -nopolar
    Shape,         // round / gauss / tophat / square with -fudge
    Hkl,           // a generated HKL file, with and without interpolation
    Water,         // -water
    Dmin,          // -dmin
    Roi,           // -roi
    Flux,          // -flux -exposure -beamsize, or -fluence
};

const std::vector<Family>& allFamilies();
const char* familyName(Family f);  // "geometry", "rotations", … (the --families words)
std::optional<Family> familyFromName(const std::string& name);

// The families of a comma-separated list (`bragg hunt --families`): names restrict the draw to
// them, "-name" removes one (from all families when the list names none to restrict to). Throws
// Error(Usage) for an unknown name or a list that leaves no family.
std::vector<Family> selectFamilies(const std::string& list);

struct GeneratedFile {
    std::string name;  // bare file name, relative to the run's working directory
    std::string content;
};

struct Configuration {
    std::uint64_t seed = 0;
    int index = 0;
    std::vector<std::string> flags;    // nanoBragg flags; input files by bare name
    std::vector<GeneratedFile> files;  // to write into the working directory first
    std::vector<Family> families;      // the families this draw used

    std::string commandLine() const;  // the flags joined with spaces (values need no quoting)
};

struct GeneratorOptions {
    std::vector<Family> families = allFamilies();  // families a draw may use
    int maxPixels = 48;                            // detector side at most this
};

// The index-th configuration of the seeded sequence.
Configuration drawConfiguration(std::uint64_t seed, int index, const GeneratorOptions& options = {});

}  // namespace bragg::hunt
