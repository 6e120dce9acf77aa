#pragma once
// The render worker: lives on the controller's QThread and owns everything it touches while a job
// runs (a snapshot of the parameters, the image sources, the last images for reuse). It derives
// each side's experiment (the parameters with that side's physics fixes), renders the candidate
// (published early as a partial result), then the reference, compares them and publishes the
// result by queued signal. Cancellation is the job status's atomic flag, checked by the engines
// between rows.
#include <QObject>
#include <QString>

#include <atomic>
#include <memory>

#include "RenderTypes.h"
#include "render/Engine.h"

namespace bragg::ui {

class ImageSource;

// Shared between the controller (reads progress, requests cancel) and the worker (writes).
struct JobStatus {
    RenderControl candidate, reference;
    std::atomic<int> stage{0};  // 0 queued, 1 deriving, 2 candidate, 3 reference, 4 comparing
    void cancel() {
        candidate.cancelled = true;
        reference.cancelled = true;
    }
    bool cancelled() const { return candidate.cancelled.load(); }
    double progress() const;  // 0..1 over both renders
};

class RenderWorker : public QObject {
    Q_OBJECT
public:
    explicit RenderWorker(QObject* parent = nullptr);
    ~RenderWorker() override;

    // Runs on the worker thread (invoked queued). `force` re-renders even if inputs are unchanged.
    void run(const RenderJob& job, const std::shared_ptr<JobStatus>& status, bool force);

signals:
    void partialReady(bragg::ui::RenderResultPtr result);  // candidate only
    void finished(bragg::ui::RenderResultPtr result);
    void failed(quint64 generation, const QString& message);
    void cancelled(quint64 generation);

private:
    struct Slot {
        ImageSourceSpec spec;
        std::unique_ptr<ImageSource> source;
        Params params;  // what `image` was made from
        std::shared_ptr<const Image> image;
        double seconds = 0;
    };
    // Returns the slot's image for these inputs, rendering only if they changed (or forced).
    std::shared_ptr<const Image> produce(Slot& slot, const ImageSourceSpec& spec,
                                         const Experiment& experiment, RenderControl& control, bool force,
                                         bool* reused, bool* cold);

    Slot candidate_, reference_;
};

}  // namespace bragg::ui
