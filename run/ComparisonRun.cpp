#include "run/ComparisonRun.h"

#include <chrono>
#include <exception>
#include <thread>

#include "compare/DSpacingMap.h"
#include "core/Error.h"
#include "params/Derive.h"
#include "params/PhysicsMode.h"
#include "render/Engine.h"

namespace bragg::run {
namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

}  // namespace

const char* toString(Which which) { return which == Which::Reference ? "reference" : "candidate"; }

void Side::set(const SideSpec& spec) {
    // An engine's physics mode only changes what it renders (the experiment it is given): the
    // engine and its caches stay. Anything else is a new runner.
    if (!runner_ || !spec_.sameRunner(spec)) {
        runner_ = makeSideRunner(spec);
        runs_ = 0;
        lastImage_.reset();
    }
    spec_ = spec;
}

report::SideInfo Side::info() const {
    if (!runner_) return {};
    report::SideInfo info = runner_->info();
    if (spec_.kind == SideKind::Engine && spec_.fixes != PhysicsFixes{})
        info.name += " [physics " + physicsModeName(spec_.fixes) + "]";
    return info;
}

std::shared_ptr<const Experiment> deriveFor(const Side& side, const Params& params) {
    return std::make_shared<const Experiment>(deriveExperiment(side.spec().sideParams(params)));
}

SideResult Side::run(const std::vector<std::string>& flags, std::shared_ptr<const Experiment> experiment,
                     bool reuse, RenderControl& control,
                     const std::optional<std::array<int, 2>>& tracePixel) {
    if (!runner_) throw usageError("a side has no runner");
    SideResult r;
    r.info = info();
    r.cold = runs_ == 0;
    const bool unchanged = lastImage_ && lastFlags_ == flags && lastParams_ == experiment->params;
    if (reuse && unchanged && !tracePixel) {
        r.image = lastImage_;
        r.reused = true;
        r.info.seconds = lastTiming_.seconds;
        r.info.renderSeconds = lastTiming_.renderSeconds;
        r.setup = lastTiming_.setup;
        r.experiment = std::move(experiment);
        return r;
    }
    lastImage_.reset();
    SideRun run = runner_->run({flags, experiment, tracePixel}, &control);
    ++runs_;
    if ((run.image.fpixels != experiment->detector.fpixels ||
         run.image.spixels != experiment->detector.spixels) &&
        !swappedSize(run.image, experiment->detector.fpixels,
                     experiment->detector.spixels))  // compare names it
        throw SizeMismatch(r.info.name + " made a " + std::to_string(run.image.fpixels) + "x" +
                           std::to_string(run.image.spixels) + " image, the flags make " +
                           std::to_string(experiment->detector.fpixels) + "x" +
                           std::to_string(experiment->detector.spixels));
    r.image = lastImage_ = std::make_shared<const Image>(std::move(run.image));
    r.info.seconds = run.seconds;
    r.info.renderSeconds = run.renderSeconds;
    r.cacheHit = run.cacheHit;
    r.output = std::move(run.output);
    r.setup = run.setup;
    r.trace = std::move(run.trace);
    lastTiming_ = std::move(run);
    lastFlags_ = flags;
    lastParams_ = experiment->params;
    r.experiment = std::move(experiment);
    return r;
}

Comparison compareSideImages(const Image& reference, std::shared_ptr<const Image>& candidate,
                             const Thresholds& thresholds, const std::optional<Roi>& roi,
                             const PeakOptions& peaks) {
    const std::string sizes = "size mismatch: reference " + std::to_string(reference.fpixels) + "x" +
                              std::to_string(reference.spixels) + ", candidate " +
                              std::to_string(candidate->fpixels) + "x" + std::to_string(candidate->spixels);
    const bool swapped = swappedSize(*candidate, reference.fpixels, reference.spixels);
    if (!swapped && (reference.fpixels != candidate->fpixels || reference.spixels != candidate->spixels))
        throw SizeMismatch(sizes);
    Comparison c = compareImages(reference, *candidate, thresholds, roi, peaks);
    if (swapped) {
        if (!c.orientation->found) throw SizeMismatch(sizes + " (" + c.orientation->line + ")");
        candidate = std::make_shared<const Image>(correctedCandidate(*candidate, *c.orientation->found));
    }
    return c;
}

PrecisionCheck precisionCheckOf(const RunResult& result) {
    const Image referenceF32 = makeEngine("reference:f32")->render(*result.reference.experiment);
    return checkPrecision(*result.reference.image, referenceF32, *result.candidate.image,
                          result.summary.comparison.roi);
}

std::optional<Roi> renderedRegion(const Experiment& e) {
    const PixelSelection& sel = e.selection;
    // An empty region (nanoBragg accepts -roi 8 7 2 2 and renders nothing) leaves the whole image.
    if (sel.xmin > sel.xmax || sel.ymin > sel.ymax) return std::nullopt;
    if (sel.xmin > 0 || sel.ymin > 0 || sel.xmax < sel.fpixels - 1 || sel.ymax < sel.spixels - 1)
        return Roi{sel.xmin, sel.xmax, sel.ymin, sel.ymax};
    return std::nullopt;
}

RunResult runComparison(SidePair& sides, const RunRequest& request, RunControls& controls,
                        const RunObserver& observer) {
    RunResult result;
    // Each side derives the settings with its own physics fixes; one derivation when they agree.
    std::shared_ptr<const Experiment> experiments[2];
    double deriveSeconds[2] = {0, 0};
    for (const Which w : {Which::Reference, Which::Candidate}) {
        const Params params = sides[w].spec().sideParams(request.params);
        const std::shared_ptr<const Experiment>& other = experiments[w == Which::Reference ? 1 : 0];
        if (other && other->params == params) {
            experiments[int(w)] = other;
            continue;
        }
        const auto start = Clock::now();
        experiments[int(w)] = std::make_shared<const Experiment>(deriveExperiment(params));
        deriveSeconds[int(w)] = secondsSince(start);
    }

    const auto runSide = [&](Which w) {
        SideResult r;
        try {
            r = sides[w].run(request.flags, experiments[int(w)], request.reuse, controls[w]);
        } catch (const RunnerFailure& e) {
            if (!e.side().empty()) throw;
            throw RunnerFailure(e.what(), toString(w));  // which side failed, for callers that say so
        }
        r.deriveSeconds = deriveSeconds[int(w)];
        // An engine's wall time includes deriving its settings, as a program's includes its set-up.
        if (sides[w].spec().kind == SideKind::Engine && r.info.seconds && !r.reused)
            *r.info.seconds += r.deriveSeconds;
        result[w] = std::move(r);
        if (observer.sideDone) observer.sideDone(w, result[w]);
    };
    const Which first = request.first,
                second = first == Which::Reference ? Which::Candidate : Which::Reference;
    if (request.concurrent) {
        std::exception_ptr secondFailure;
        std::thread other([&] {
            try {
                runSide(second);
            } catch (...) {
                secondFailure = std::current_exception();
                controls[first].cancelled = true;  // no use finishing the other side
            }
        });
        std::exception_ptr firstFailure;
        try {
            runSide(first);
        } catch (...) {
            firstFailure = std::current_exception();
            controls[second].cancelled = true;
        }
        other.join();
        // The failure that caused the other side's cancellation is the one to report.
        const auto isCancel = [](const std::exception_ptr& e) {
            try {
                std::rethrow_exception(e);
            } catch (const Error& error) {
                return error.kind() == ErrorKind::Cancelled;
            } catch (...) {
                return false;
            }
        };
        if (firstFailure && secondFailure && isCancel(firstFailure)) std::rethrow_exception(secondFailure);
        if (firstFailure) std::rethrow_exception(firstFailure);
        if (secondFailure) std::rethrow_exception(secondFailure);
    } else {
        runSide(first);
        runSide(second);
    }

    std::optional<NoiseFloor> noise[2];
    if (request.repeatCheck)
        for (const Which w : {Which::Reference, Which::Candidate}) {
            const SideKind kind = sides[w].spec().kind;
            if (kind != SideKind::Program && kind != SideKind::Command) continue;
            const SideResult again = sides[w].run(request.flags, experiments[int(w)], false, controls[w]);
            noise[int(w)] = noiseFloor(*result[w].image, *again.image);
        }

    const Image& reference = *result.reference.image;
    const std::optional<Roi> roi = request.roi ? request.roi : renderedRegion(*experiments[0]);
    report::CompareSummary& summary = result.summary;
    summary.comparison =
        compareSideImages(reference, result.candidate.image, request.thresholds, roi, request.peaks);
    const Image& candidate = *result.candidate.image;
    summary.comparison.referenceNoise = noise[0];
    summary.comparison.candidateNoise = noise[1];
    applyNoiseFloors(summary.comparison);
    if (request.regions) {
        const std::vector<double> dSpacingA = dSpacingMapA(*experiments[0]);  // for the resolution shells
        addRegions(summary.comparison, reference, candidate, *request.regions, &dSpacingA);
    }
    if (!result.reference.setup.empty() && !result.candidate.setup.empty())
        summary.comparison.setup = setup::compareSetupsOf(result.reference.setup, result.candidate.setup);
    summary.reference = result.reference.info;
    summary.candidate = result.candidate.info;
    summary.flags = request.flags;
    for (const Which w : {Which::Reference, Which::Candidate})
        if (result[w].info.kind != "engine") summary.binaries[toString(w)] = result[w].info.name;
    return result;
}

}  // namespace bragg::run
