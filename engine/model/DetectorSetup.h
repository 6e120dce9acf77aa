#pragma once
// Detector placement (docs/physics.md §5.1–5.3, §5.6; docs/flags.md §3.2–3.4, §3.10).
#include "model/Conventions.h"
#include "model/Experiment.h"

namespace bragg {

// Pixel counts, beam centre, pivot, pix0, rotated axes and the thickness model. Oversampling
// is resolved later (it needs the crystal).
DetectorModel makeDetector(const Params& p, const ConventionVectors& v);

}  // namespace bragg
