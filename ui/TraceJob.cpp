#include "TraceJob.h"

#include <QThread>

#include <limits>

#include "render/Engine.h"

namespace bragg::ui {

namespace {

TraceSideRequest sideRequest(const ImageSourceSpec& spec, const std::shared_ptr<const Experiment>& experiment,
                             const std::shared_ptr<const Image>& image) {
    return {spec, experiment, image};
}

TraceSideResult traceSide(const TraceSideRequest& side, int fast, int slow) {
    TraceSideResult r;
    r.label = side.spec.label();
    const Image* image = side.image.get();
    if (image && fast >= 0 && slow >= 0 && fast < image->fpixels && slow < image->spixels)
        r.renderedValue = image->at(fast, slow);
    if (side.spec.kind == SourceKind::Engine) {
        if (!side.experiment) {
            r.note = "not rendered yet";
            return r;
        }
        try {
            r.trace = makeEngine(side.spec.engine)->tracePixel(*side.experiment, fast, slow);
            r.traced = true;
            if (r.trace.entries.empty()) r.note = "outside the rendered region (-roi): not evaluated";
        } catch (const std::exception& e) {
            r.note = e.what();
        }
        return r;
    }
    r.note = side.spec.kind == SourceKind::Program
                 ? "an external program: only its pixel value is available, no trace"
                 : "an image file: only its pixel value is available, no trace";
    r.trace.engine = r.label;
    r.trace.fast = fast, r.trace.slow = slow;
    if (r.renderedValue) {
        r.trace.value = *r.renderedValue;
        r.trace.entries.push_back({TraceSite{}, "value", r.trace.value});
    }
    return r;
}

}  // namespace

TraceRequest makeTraceRequest(const RenderResult& result, int fast, int slow) {
    TraceRequest r;
    r.fast = fast, r.slow = slow;
    const auto& referenceExperiment =
        result.referenceExperiment ? result.referenceExperiment : result.experiment;
    const auto& candidateExperiment =
        result.candidateExperiment ? result.candidateExperiment : result.experiment;
    r.reference = sideRequest(result.sources.reference, referenceExperiment, result.reference);
    r.candidate = sideRequest(result.sources.candidate, candidateExperiment, result.candidate);
    return r;
}

std::optional<TraceOutcome> runTraceRequest(const TraceRequest& request,
                                            const std::function<bool()>& superseded) {
    auto stop = [&] { return superseded && superseded(); };
    TraceOutcome out;
    out.generation = request.generation;
    out.fast = request.fast, out.slow = request.slow;
    if (stop()) return std::nullopt;
    out.reference = traceSide(request.reference, request.fast, request.slow);
    if (stop()) return std::nullopt;
    out.candidate = traceSide(request.candidate, request.fast, request.slow);
    if (stop()) return std::nullopt;
    out.diff = std::make_shared<const TraceDiff>(
        diffTraces(out.reference.trace, out.candidate.trace, request.tolerance));
    return out;
}

TraceJob::TraceJob(QObject* parent)
    : QObject(parent),
      thread_(new QThread(this)),
      worker_(new QObject),
      latest_(std::make_shared<std::atomic<std::uint64_t>>(0)) {
    thread_->setObjectName(QStringLiteral("trace worker"));
    worker_->moveToThread(thread_);
    thread_->start();
}

TraceJob::~TraceJob() {
    latest_->store(std::numeric_limits<std::uint64_t>::max());  // whatever runs stops between sides
    thread_->quit();
    thread_->wait();
    delete worker_;  // its thread has finished
}

std::uint64_t TraceJob::request(TraceRequest request) {
    request.generation = ++generation_;
    latest_->store(request.generation);
    if (++running_ == 1) emit busyChanged(true);
    QMetaObject::invokeMethod(
        worker_,
        [this, request, latest = latest_] {
            const auto superseded = [&] { return latest->load() != request.generation; };
            std::optional<TraceOutcome> outcome = runTraceRequest(request, superseded);
            TraceOutcomePtr result =
                outcome ? std::make_shared<const TraceOutcome>(std::move(*outcome)) : nullptr;
            // Queued to this object's (the GUI) thread; dropped if this object is gone by then.
            QMetaObject::invokeMethod(
                this, [this, generation = request.generation, result] { done(generation, result); },
                Qt::QueuedConnection);
        },
        Qt::QueuedConnection);
    return request.generation;
}

void TraceJob::done(std::uint64_t generation, const TraceOutcomePtr& outcome) {
    if (outcome && generation == generation_) emit finished(outcome);
    if (--running_ == 0) emit busyChanged(false);
}

}  // namespace bragg::ui
