#include "RenderWorker.h"

#include <chrono>

#include "ImageSources.h"
#include "compare/DSpacingMap.h"
#include "core/Error.h"
#include "params/Derive.h"

namespace bragg::ui {

namespace {

double secondsSince(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

double JobStatus::progress() const {
    switch (stage.load()) {
        case 0:
        case 1:
            return 0;
        case 2:
            return 0.5 * candidate.progress();
        case 3:
            return 0.5 + 0.5 * reference.progress();
        default:
            return 1;
    }
}

RenderWorker::RenderWorker(QObject* parent) : QObject(parent) {}
RenderWorker::~RenderWorker() = default;

std::shared_ptr<const Image> RenderWorker::produce(Slot& slot, const ImageSourceSpec& spec,
                                                   const Experiment& experiment, RenderControl& control,
                                                   bool force, bool* reused, bool* cold) {
    if (!slot.source || !slot.spec.sameSource(spec)) {  // a physics change keeps the engine (and its caches)
        slot.source = makeImageSource(spec);
        slot.spec = spec;
        slot.image.reset();
    }
    *cold = !slot.source->warm();
    if (!force && slot.image && slot.params == experiment.params) {
        *reused = true;
        return slot.image;
    }
    *reused = false;
    const auto start = std::chrono::steady_clock::now();
    slot.image.reset();
    slot.image = std::make_shared<const Image>(slot.source->produce(experiment, control));
    slot.seconds = secondsSince(start);
    slot.params = experiment.params;
    return slot.image;
}

void RenderWorker::run(const RenderJob& job, const std::shared_ptr<JobStatus>& status, bool force) {
    if (status->cancelled()) {
        emit cancelled(job.generation);
        return;
    }
    const auto start = std::chrono::steady_clock::now();
    auto result = std::make_shared<RenderResult>();
    result->generation = job.generation;
    result->params = job.params;
    result->sources = job.sources;
    try {
        status->stage = 1;
        // Each side renders its own physics mode (params.fixes); one derivation when they agree.
        const Params candidateParams = job.sources.candidate.sideParams(job.params);
        const Params referenceParams = job.sources.reference.sideParams(job.params);
        result->candidateExperiment = std::make_shared<const Experiment>(deriveExperiment(candidateParams));
        result->referenceExperiment =
            referenceParams == candidateParams
                ? result->candidateExperiment
                : std::make_shared<const Experiment>(deriveExperiment(referenceParams));
        result->experiment = result->referenceExperiment;
        result->timings.deriveSeconds = secondsSince(start);
        const Experiment& experiment = *result->referenceExperiment;

        status->stage = 2;
        bool reused = false, cold = false;
        result->candidate = produce(candidate_, job.sources.candidate, *result->candidateExperiment,
                                    status->candidate, force, &reused, &cold);
        result->candidateLabel = job.sources.candidate.label();
        result->timings.candidateSeconds = candidate_.seconds;
        result->timings.candidateCold = cold;
        if (!reused) result->timings.candidateCacheHit = candidate_.source->lastCacheHit();
        emit partialReady(std::make_shared<const RenderResult>(*result));

        status->stage = 3;
        result->reference =
            produce(reference_, job.sources.reference, experiment, status->reference, force, &reused, &cold);
        result->referenceLabel = job.sources.reference.label();
        result->timings.referenceSeconds = reference_.seconds;
        result->timings.referenceReused = reused;

        status->stage = 4;
        // With -roi, pixels outside it are 0 in both images: compare only the rendered region.
        const PixelSelection& sel = experiment.selection;
        std::optional<Roi> roi;
        if (sel.xmin > 0 || sel.ymin > 0 || sel.xmax < sel.fpixels - 1 || sel.ymax < sel.spixels - 1)
            roi = Roi{sel.xmin, sel.xmax, sel.ymin, sel.ymax};
        result->comparison = compareImages(*result->reference, *result->candidate, job.thresholds, roi);
        const std::vector<double> dSpacingA = dSpacingMapA(experiment);  // for the resolution shells
        addRegions(*result->comparison, *result->reference, *result->candidate, RegionOptions{}, &dSpacingA);
        result->complete = true;
        result->timings.totalSeconds = secondsSince(start);
        status->stage = 5;
        emit finished(result);
    } catch (const Error& e) {
        if (e.kind() == ErrorKind::Cancelled)
            emit cancelled(job.generation);
        else
            emit failed(job.generation, QString::fromStdString(e.what()));
    } catch (const std::exception& e) {
        emit failed(job.generation, QString::fromStdString(e.what()));
    }
}

}  // namespace bragg::ui
