#pragma once
// What the controller asks the worker for and what comes back (plain values, no widgets).
// Results travel between threads as shared pointers to immutable data.
#include <cstdint>
#include <memory>
#include <string>

#include "compare/Comparison.h"
#include "compare/PrecisionCheck.h"
#include "report/CompareSummary.h"
#include "core/Image.h"
#include "model/Experiment.h"
#include "params/Params.h"
#include "run/Side.h"

namespace bragg::ui {

// Where an image comes from: the comparison-run layer's side (run/Side.h).
using ImageSourceSpec = run::SideSpec;
using SourceKind = run::SideKind;
using run::physicsLabel;

struct SourceSettings {
    ImageSourceSpec reference = ImageSourceSpec::engineSide("reference");
    ImageSourceSpec candidate = ImageSourceSpec::engineSide("optimized");
    bool operator==(const SourceSettings&) const = default;
};

// The candidate default: the optimized engine when it is built in, else the reference engine.
SourceSettings defaultSources();

// Analyses beyond the comparison, each costing a render: the reference engine in float32 beside
// the images ("is float32 the cause?"), and program/command sides run twice (their noise floor).
struct RunChecks {
    bool precision = false, repeat = false;
    bool operator==(const RunChecks&) const = default;
};

struct RenderJob {
    std::uint64_t generation = 0;
    Params params;
    SourceSettings sources;
    Thresholds thresholds;
    RunChecks checks;
};

struct RenderTimings {
    double deriveSeconds = 0;
    bool concurrent = false;  // both sides ran at once (a program side): wall times overlap
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
    // In a partial result either may be null (not there yet) or a preview (rows so far).
    std::shared_ptr<const Image> reference;
    std::shared_ptr<const Image> candidate;
    std::optional<double> referencePreview, candidatePreview;  // fraction rendered, if a preview
    std::string referenceLabel, candidateLabel;
    std::optional<Comparison> comparison;     // set once both images exist (the noise floors in it)
    std::optional<PrecisionCheck> precision;  // with RunChecks::precision
    report::CompareSummary summary;           // what the comparison-run layer made (complete results)
    RenderTimings timings;
    bool complete = false;  // both images and the comparison are present
};

using RenderResultPtr = std::shared_ptr<const RenderResult>;

}  // namespace bragg::ui
