#pragma once
// The geometry of an Experiment as the image formats of the field's software state it: the
// miniCBF header (a detector normal to the beam, fast = imgCIF +x, slow = −y, the φ axis along
// +x), the NXmx detector module and sample axis, and the check that refuses a file that would misstate it.
#include <string>

#include "io/Cbf.h"
#include "io/Nexus.h"
#include "model/Experiment.h"

namespace bragg {

// Throws Error(Usage) naming the output flag and the geometry flag when a requested format cannot
// express this experiment's geometry (miniCBF: detector rotations, two-theta, another axis
// convention; every format: a curved detector). Called before rendering and before writing.
void checkFormatGeometry(const Experiment& e);

// The formats whose geometry can fail to state an experiment.
enum class GeometryFormat { MiniCbf, Nexus };
// The same check for one format requested by `flag` (e.g. "--format cbf" of bragg series).
void checkFormatCanExpress(const Experiment& e, GeometryFormat format, const std::string& flag);

// The NXmx geometry of this experiment: nanoBragg's final detector vectors and pix0 turned into
// McStas (model/LabFrames.h), so every convention, pivot, rotation and two-theta is exact.
io::NexusGeometry nexusGeometry(const Experiment& e);

// The miniCBF header of this experiment (counts on the -intfile scale, cut off at 65535).
io::MiniCbfHeader miniCbfHeader(const Experiment& e);

}  // namespace bragg
