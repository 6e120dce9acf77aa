#include "Controller.h"

#include <QThread>
#include <QTimer>

#include "DemoSession.h"
#include "RenderWorker.h"

namespace bragg::ui {

namespace {

QString stageName(const JobStatus& status) {
    switch (status.stage.load()) {
        case 1:
            return QStringLiteral("deriving");
        case 2:
            if (status.referenceDone) return QStringLiteral("candidate");
            if (status.candidateDone) return QStringLiteral("reference");
            return QStringLiteral("rendering");
        case 3:
            return QStringLiteral("comparing");
        default:
            return {};
    }
}

}  // namespace

Controller::Controller(QObject* parent)
    : QObject(parent),
      params_(demoParams()),
      sources_(defaultSources()),
      thread_(new QThread(this)),
      worker_(new RenderWorker),
      debounce_(new QTimer(this)),
      progressTimer_(new QTimer(this)) {
    thread_->setObjectName(QStringLiteral("render worker"));
    worker_->moveToThread(thread_);
    connect(thread_, &QThread::finished, worker_, &QObject::deleteLater);
    connect(worker_, &RenderWorker::partialReady, this, &Controller::onPartial);
    connect(worker_, &RenderWorker::finished, this, &Controller::onFinished);
    connect(worker_, &RenderWorker::failed, this, &Controller::onFailed);
    connect(worker_, &RenderWorker::cancelled, this, &Controller::onCancelled);
    thread_->start();

    debounce_->setSingleShot(true);
    debounce_->setInterval(80);  // ms: coalesces typing; a stale render is cancelled anyway
    connect(debounce_, &QTimer::timeout, this, [this] { dispatch(false); });
    progressTimer_->setInterval(100);
    connect(progressTimer_, &QTimer::timeout, this, &Controller::pollProgress);
    sinceEdit_.start();
}

Controller::~Controller() {
    if (status_) status_->cancel();
    thread_->quit();
    thread_->wait();
}

double Controller::millisecondsSinceEdit() const { return double(sinceEdit_.nsecsElapsed()) / 1e6; }

void Controller::setDebounceInterval(int milliseconds) { debounce_->setInterval(milliseconds); }

void Controller::setParams(const Params& params) {
    params_ = params;
    scheduleRender();
}

void Controller::setSources(const SourceSettings& sources) {
    sources_ = sources;
    scheduleRender();
}

void Controller::setThresholds(const Thresholds& thresholds) {
    thresholds_ = thresholds;
    scheduleRender();
}

void Controller::setChecks(const RunChecks& checks) {
    checks_ = checks;
    scheduleRender();
}

void Controller::renderNow() {
    sinceEdit_.restart();
    debounce_->stop();
    dispatch(true);
}

void Controller::cancel() {
    debounce_->stop();
    if (status_) status_->cancel();
}

void Controller::scheduleRender() {
    sinceEdit_.restart();
    // Cancel at once: the job in flight is already stale; the next one waits for the debounce.
    if (status_) status_->cancel();
    debounce_->start();
}

void Controller::dispatch(bool force) {
    if (status_) status_->cancel();
    status_ = std::make_shared<JobStatus>();
    RenderJob job{++generation_, params_, sources_, thresholds_, checks_};
    ++running_;
    if (running_ == 1) {
        progressTimer_->start();
        emit renderingChanged(true);
    }
    emit renderStarted(job.generation);
    QMetaObject::invokeMethod(
        worker_, [worker = worker_, job, status = status_, force] { worker->run(job, status, force); },
        Qt::QueuedConnection);
}

void Controller::onPartial(const RenderResultPtr& result) {
    if (result->generation == generation_) emit partialResult(result);
}

void Controller::onFinished(const RenderResultPtr& result) {
    if (result->generation == generation_) {
        current_ = result;
        emit resultReady(result);
    }
    jobEnded();
}

void Controller::onFailed(quint64 generation, const QString& message) {
    if (generation == generation_) emit renderFailed(message);
    jobEnded();
}

void Controller::onCancelled(quint64 generation) {
    if (generation == generation_) emit renderCancelled();
    jobEnded();
}

void Controller::jobEnded() {
    if (--running_ > 0) return;
    progressTimer_->stop();
    emit progressChanged(1.0, {});
    emit renderingChanged(false);
}

void Controller::pollProgress() {
    if (status_) emit progressChanged(status_->progress(), stageName(*status_));
}

}  // namespace bragg::ui
