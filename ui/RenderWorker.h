#pragma once
// The render worker: lives on the controller's QThread and runs each job through the
// comparison-run layer (run/ComparisonRun.h), which it owns with the two sides (engines keep their
// caches, an unchanged side keeps its image). Each side's image is published as soon as it is
// there (and a slow engine's rows as they fill); the comparison when both are. A program side
// runs beside the other side, so the faster one is seen first. Cancellation is the job status's
// atomic flags: engines check them between rows, a program is killed with its process group.
#include <QObject>
#include <QString>

#include <atomic>
#include <memory>

#include "RenderTypes.h"
#include "run/ComparisonRun.h"

namespace bragg::ui {

// Shared between the controller (reads progress, requests cancel) and the worker (writes).
struct JobStatus {
    run::RunControls controls;
    std::atomic<int> stage{0};  // 0 queued, 1 deriving, 2 running the sides, 3 comparing, 4 done
    std::atomic<bool> referenceDone{false}, candidateDone{false};
    void cancel() { controls.cancel(); }
    bool cancelled() const {
        return controls.candidate.cancelled.load() || controls.reference.cancelled.load();
    }
    double progress() const;  // 0..1 over both sides
};

class RenderWorker : public QObject {
    Q_OBJECT
public:
    explicit RenderWorker(QObject* parent = nullptr);
    ~RenderWorker() override;

    // Runs on the worker thread (invoked queued). `force` re-renders even if inputs are unchanged.
    void run(const RenderJob& job, const std::shared_ptr<JobStatus>& status, bool force);

signals:
    // One side's image (or a preview of it) before the comparison; may come from a side's thread.
    void partialReady(bragg::ui::RenderResultPtr result);
    void finished(bragg::ui::RenderResultPtr result);
    void failed(quint64 generation, const QString& message);
    void cancelled(quint64 generation);

private:
    run::SidePair sides_;
};

}  // namespace bragg::ui
