#pragma once
// Pixel traces for the trace panel: both sides of a shown result traced at one pixel on a worker
// thread, each by its own engine with the very Experiment that side rendered (its physics mode
// included). A side that is no engine (an external program, an image file) contributes only its
// pixel value. A newer request supersedes an older one: the older result is never published and,
// if it has not finished, it stops between the two sides.
#include <QObject>

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "RenderTypes.h"
#include "trace/TraceDiff.h"

class QThread;

namespace bragg::ui {

struct TraceSideRequest {
    ImageSourceSpec spec;
    std::shared_ptr<const Experiment> experiment;  // what this side rendered
    std::shared_ptr<const Image> image;            // its image (the pixel value of a non-engine side)
};

struct TraceRequest {
    std::uint64_t generation = 0;
    int fast = 0, slow = 0;
    TraceSideRequest reference, candidate;
    double tolerance = 1e-5;  // for the diff
};

struct TraceSideResult {
    std::string label;                    // the side's label, e.g. "optimized (corrected)"
    bool traced = false;                  // an engine's full trace (else the pixel value at most)
    std::string note;                     // why there is no full trace, or the engine's error
    std::optional<double> renderedValue;  // the pixel in the image this side rendered
    PixelTrace trace;                     // only a "value" row for a non-engine side
};

struct TraceOutcome {
    std::uint64_t generation = 0;
    int fast = 0, slow = 0;
    TraceSideResult reference, candidate;
    std::shared_ptr<const TraceDiff> diff;  // the two traces aligned at the request's tolerance
};

using TraceOutcomePtr = std::shared_ptr<const TraceOutcome>;

// Pixel (fast, slow) of a shown result: each side's spec, experiment and image.
TraceRequest makeTraceRequest(const RenderResult& result, int fast, int slow);

// Traces both sides and aligns them (any thread). Returns nullopt if `superseded` says so
// between the steps.
std::optional<TraceOutcome> runTraceRequest(const TraceRequest& request,
                                            const std::function<bool()>& superseded = {});

class TraceJob : public QObject {
    Q_OBJECT
public:
    explicit TraceJob(QObject* parent = nullptr);
    ~TraceJob() override;  // stops superseding work, waits for the thread

    // Queues the request (its generation is assigned here and returned).
    std::uint64_t request(TraceRequest request);
    bool busy() const { return running_ > 0; }

signals:
    void finished(bragg::ui::TraceOutcomePtr outcome);  // the newest request's only
    void busyChanged(bool busy);

private:
    void done(std::uint64_t generation, const TraceOutcomePtr& outcome);

    QThread* thread_;
    QObject* worker_;  // lives on thread_
    std::shared_ptr<std::atomic<std::uint64_t>> latest_;
    std::uint64_t generation_ = 0;
    int running_ = 0;
};

}  // namespace bragg::ui
