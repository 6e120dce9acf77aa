#include "RenderWorker.h"

#include <chrono>
#include <mutex>

#include "core/Error.h"
#include "params/FlagParser.h"
#include "run/PreparedRun.h"

namespace bragg::ui {

namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

bool isProcess(const ImageSourceSpec& s) {
    return s.kind == SourceKind::Program || s.kind == SourceKind::Command;
}

// The side as errors name it ("candidate program: '/x' is not an executable file").
ImageSourceSpec named(ImageSourceSpec spec, const char* side) {
    static const char* kinds[] = {"engine", "program", "command", "image file"};  // SourceKind order
    if (spec.option.empty()) spec.option = std::string(side) + " " + kinds[int(spec.kind)];
    return spec;
}

constexpr auto kPreviewInterval = std::chrono::milliseconds(250);  // partial images at most this often

}  // namespace

double JobStatus::progress() const {
    const int s = stage.load();
    if (s <= 1) return 0;
    if (s >= 3) return 1;
    const double reference = referenceDone ? 1.0 : controls.reference.progress();
    const double candidate = candidateDone ? 1.0 : controls.candidate.progress();
    return 0.5 * (reference + candidate);
}

RenderWorker::RenderWorker(QObject* parent) : QObject(parent) {}
RenderWorker::~RenderWorker() = default;

void RenderWorker::run(const RenderJob& job, const std::shared_ptr<JobStatus>& status, bool force) {
    if (status->cancelled()) {
        emit cancelled(job.generation);
        return;
    }
    const auto start = Clock::now();
    // What has been published so far (sides may finish on two threads at once).
    std::mutex mutex;
    RenderResult progress;
    progress.generation = job.generation;
    progress.params = job.params;
    progress.sources = job.sources;
    const auto publish = [&](run::Which which, std::shared_ptr<const Image> image,
                             std::optional<double> preview, const std::string& label) {
        std::lock_guard lock(mutex);
        if (which == run::Which::Reference) {
            progress.reference = std::move(image), progress.referencePreview = preview,
            progress.referenceLabel = label;
        } else {
            progress.candidate = std::move(image), progress.candidatePreview = preview,
            progress.candidateLabel = label;
        }
        emit partialReady(std::make_shared<const RenderResult>(progress));
    };
    try {
        status->stage = 1;
        sides_.reference.set(named(job.sources.reference, "reference"));
        sides_.candidate.set(named(job.sources.candidate, "candidate"));
        run::RunRequest request;
        request.params = job.params;
        // Input files by absolute path: a program side runs in a scratch directory.
        request.flags = run::runnableFlags(toNanoBraggFlags(job.params), ".");
        request.thresholds = job.thresholds;
        request.reuse = !force;
        request.regions = RegionOptions{};  // tiles, shells, spots, registration, diagnosis
        // A program beside an engine runs at once; two engines take turns (each uses every core),
        // the candidate first: it is usually the faster.
        request.concurrent = isProcess(job.sources.reference) || isProcess(job.sources.candidate);
        request.first = run::Which::Candidate;
        request.repeatCheck = job.checks.repeat;
        // Engines show their rows as they fill, a few times a second at most (until this job ends).
        struct Unwatch {
            JobStatus& status;
            ~Unwatch() {
                status.controls.reference.partialImage = status.controls.candidate.partialImage = nullptr;
            }
        } unwatch{*status};
        for (const run::Which which : {run::Which::Reference, run::Which::Candidate}) {
            RenderControl& control = status->controls[which];
            const std::string label =
                (which == run::Which::Reference ? job.sources.reference : job.sources.candidate).label();
            control.partialImage = [&publish, &control, which, label,
                                    last = Clock::now()](const Image& image) mutable {
                if (Clock::now() - last < kPreviewInterval) return;
                last = Clock::now();
                publish(which, std::make_shared<const Image>(image), control.progress(), label);
            };
        }
        run::RunObserver observer;
        observer.sideDone = [&](run::Which which, const run::SideResult& side) {
            (which == run::Which::Reference ? status->referenceDone : status->candidateDone) = true;
            publish(which, side.image, std::nullopt,
                    (which == run::Which::Reference ? job.sources.reference : job.sources.candidate).label());
        };
        status->stage = 2;
        run::RunResult r = run::runComparison(sides_, request, status->controls, observer);

        auto result = std::make_shared<RenderResult>();
        result->generation = job.generation;
        result->params = job.params;
        result->sources = job.sources;
        result->referenceExperiment = r.reference.experiment;
        result->candidateExperiment = r.candidate.experiment;
        result->experiment = r.reference.experiment;
        result->reference = r.reference.image;
        result->candidate = r.candidate.image;
        result->referenceLabel = job.sources.reference.label();
        result->candidateLabel = job.sources.candidate.label();
        RenderTimings& t = result->timings;
        t.deriveSeconds = r.reference.deriveSeconds + r.candidate.deriveSeconds;
        t.concurrent = request.concurrent;
        t.referenceSeconds = r.reference.info.seconds.value_or(0);
        t.candidateSeconds = r.candidate.info.seconds.value_or(0);
        t.candidateCold = r.candidate.cold;
        if (!r.candidate.reused) t.candidateCacheHit = r.candidate.cacheHit;
        t.referenceReused = r.reference.reused;
        result->comparison = r.summary.comparison;
        if (job.checks.precision) {
            status->stage = 3;
            if (status->controls.reference.cancelled) throw Error(ErrorKind::Cancelled, "cancelled");
            result->precision = run::precisionCheckOf(r);
        }
        result->summary = std::move(r.summary);
        result->complete = true;
        t.totalSeconds = secondsSince(start);
        status->stage = 4;
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
