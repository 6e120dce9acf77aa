#pragma once
// The controller between the widgets and the render worker. It keeps the current parameters,
// sources and thresholds, debounces edits, and runs one job at a time on a worker thread:
// a new request cancels the job in flight (its atomic flag) before the next one is queued.
// Every job carries a generation number; only the newest generation's result is published, so a
// stale image is never shown as current. Progress is polled from the job's atomic counters on a
// timer. The destructor cancels, quits the thread and waits for it.
#include <QElapsedTimer>
#include <QObject>
#include <QString>

#include <cstdint>
#include <memory>

#include "RenderTypes.h"

class QThread;
class QTimer;

namespace bragg::ui {

class RenderWorker;
struct JobStatus;

class Controller : public QObject {
    Q_OBJECT
public:
    explicit Controller(QObject* parent = nullptr);
    ~Controller() override;

    const Params& params() const { return params_; }
    const SourceSettings& sources() const { return sources_; }
    const Thresholds& thresholds() const { return thresholds_; }
    const RunChecks& checks() const { return checks_; }
    RenderResultPtr current() const { return current_; }  // last complete result shown
    bool isRendering() const { return running_ != 0; }
    std::uint64_t latestGeneration() const { return generation_; }
    // Milliseconds since the edit that the newest job came from (edit → now).
    double millisecondsSinceEdit() const;

    void setDebounceInterval(int milliseconds);

public slots:
    void setParams(const bragg::Params& params);                // debounced render
    void setSources(const bragg::ui::SourceSettings& sources);  // debounced render
    void setThresholds(const bragg::Thresholds& thresholds);    // re-compares (images reused)
    void setChecks(const bragg::ui::RunChecks& checks);         // debounced render
    void renderNow();                                           // immediate, forced re-render (Ctrl+R)
    void cancel();                                              // cancels the job in flight (Esc)

signals:
    void renderStarted(quint64 generation);
    void progressChanged(double fraction, const QString& stage);
    void partialResult(bragg::ui::RenderResultPtr result);  // the candidate image, early
    void resultReady(bragg::ui::RenderResultPtr result);
    void renderFailed(const QString& message);
    void renderCancelled();
    void renderingChanged(bool rendering);

private:
    void scheduleRender();
    void dispatch(bool force);
    void onPartial(const RenderResultPtr& result);
    void onFinished(const RenderResultPtr& result);
    void onFailed(quint64 generation, const QString& message);
    void onCancelled(quint64 generation);
    void jobEnded();
    void pollProgress();

    Params params_;
    SourceSettings sources_;
    Thresholds thresholds_;
    RunChecks checks_;
    RenderResultPtr current_;
    std::uint64_t generation_ = 0;
    int running_ = 0;                    // jobs queued or running on the worker
    std::shared_ptr<JobStatus> status_;  // the newest job's
    QElapsedTimer sinceEdit_;
    QThread* thread_ = nullptr;
    RenderWorker* worker_ = nullptr;  // lives on thread_; deleted when it finishes
    QTimer* debounce_ = nullptr;
    QTimer* progressTimer_ = nullptr;
};

}  // namespace bragg::ui
