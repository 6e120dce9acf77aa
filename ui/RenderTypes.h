#pragma once
// What the controller asks the worker for and what comes back (plain values, no widgets).
// Results travel between threads as shared pointers to immutable data.
#include <cstdint>
#include <memory>
#include <string>

#include "compare/Comparison.h"
#include "core/Image.h"
#include "model/Experiment.h"
#include "params/Params.h"

namespace bragg::ui {

// Where an image comes from.
enum class SourceKind {
    Engine,    // a built-in engine by name ("reference", "optimized")
    External,  // a nanoBragg-compatible executable run with the same flags
    File       // a stored image: raw float (detector size) or SMV
};

// "nanoBragg-compatible" (no fix), "corrected" (every fix) or "fixes: water, phi-zero".
std::string physicsLabel(const PhysicsFixes& fixes);

struct ImageSourceSpec {
    SourceKind kind = SourceKind::Engine;
    std::string engine = "reference";  // Engine
    std::string path;                  // External: the executable; File: the image
    PhysicsFixes fixes = {};           // Engine: the quirks it corrects (params.fixes); none = nanoBragg
    bool operator==(const ImageSourceSpec&) const = default;
    bool sameSource(const ImageSourceSpec& o) const {
        return kind == o.kind && engine == o.engine && path == o.path;
    }
    // "optimized (nanoBragg-compatible)", "optimized (corrected)", "nanoBragg (external)", "file x.bin"
    std::string label() const;
    // The parameters this side renders with: an engine's physics fixes applied.
    Params sideParams(const Params& params) const;
};

struct SourceSettings {
    ImageSourceSpec reference{SourceKind::Engine, "reference", {}};
    ImageSourceSpec candidate{SourceKind::Engine, "optimized", {}};
    bool operator==(const SourceSettings&) const = default;
};

struct RenderJob {
    std::uint64_t generation = 0;
    Params params;
    SourceSettings sources;
    Thresholds thresholds;
};

struct RenderTimings {
    double deriveSeconds = 0;
    double referenceSeconds = 0;
    double candidateSeconds = 0;
    bool candidateCold = true;              // first render by this candidate source since it was set up
    std::optional<bool> candidateCacheHit;  // the candidate engine reused its cache (if it has one)
    bool referenceReused = false;           // reference image taken from the previous render (same inputs)
    double totalSeconds = 0;
    double speedup() const { return candidateSeconds > 0 ? referenceSeconds / candidateSeconds : 0; }
};

struct RenderResult {
    std::uint64_t generation = 0;
    Params params;
    SourceSettings sources;
    std::shared_ptr<const Experiment> experiment;  // the reference side's (geometry, overlays)
    // What each side rendered (they differ only in params.fixes); the same object when equal.
    std::shared_ptr<const Experiment> referenceExperiment, candidateExperiment;
    std::shared_ptr<const Image> reference;  // null in a candidate-only partial result
    std::shared_ptr<const Image> candidate;
    std::string referenceLabel, candidateLabel;
    std::optional<Comparison> comparison;  // set once both images exist
    RenderTimings timings;
    bool complete = false;  // both images and the comparison are present
};

using RenderResultPtr = std::shared_ptr<const RenderResult>;

}  // namespace bragg::ui
