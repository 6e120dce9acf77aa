#pragma once
// The numbers of the latest render: correlation, sum ratio, max|Δ| and where (click to jump
// there), RMSE, peak match, non-finite pixels per side; reference and candidate times (cold / warm), speedup,
// reuse; a PASS / BLOCKED badge against thresholds the user can edit here.
#include <QWidget>

#include <optional>

#include "RenderTypes.h"

class QDoubleSpinBox;
class QLabel;
class QPushButton;

namespace bragg::ui {

class MetricsPanel : public QWidget {
    Q_OBJECT
public:
    explicit MetricsPanel(QWidget* parent = nullptr);
    void showResult(const RenderResult& result);
    void showLatency(double milliseconds);
    void clear(const QString& why);
    Thresholds thresholds() const;
    void setThresholds(const Thresholds& thresholds);
    QString verdictText() const;
    QString summaryText() const;  // the metrics as plain text, for captions

signals:
    void jumpRequested(int fast, int slow);
    void thresholdsChanged(const bragg::Thresholds& thresholds);

private:
    QLabel* badge_;
    QLabel* failures_;
    QLabel* metrics_;
    QLabel* times_;
    QLabel* latency_;
    QPushButton* maxLocation_;
    QPushButton* nonFiniteLocation_;  // the first pixel whose classes differ, if any
    QDoubleSpinBox* pearsonMin_;
    QDoubleSpinBox* sumRatioTol_;
    QDoubleSpinBox* maxAbsDiffRel_;
    QDoubleSpinBox *atol_, *rtol_;  // the per-pixel gate; "off" at −1
    QDoubleSpinBox* peakDistanceMax_;
    int jumpFast_ = 0, jumpSlow_ = 0;
    PixelPosition nonFiniteJump_;
    double lastColdSeconds_ = 0, lastWarmSeconds_ = 0;  // candidate render times seen so far
    QString summary_;
};

// Plain-text metrics of a result, one item per line (used by the panel and the export caption);
// then regionsText, and the non-finite lines below when either image has NaN or ±inf pixels.
QString metricsText(const RenderResult& result);
// The regions part, if computed: the shift (when significant), the scale, failing tiles and the
// diagnosis line; empty without regions.
QString regionsText(const Comparison& comparison);
// The first pixel (slow-major) whose classes differ between the images; nullopt if none.
std::optional<PixelPosition> firstNonFiniteMismatch(const NonFiniteSummary& summary);
// Non-finite pixels per side and class, shared and mismatching, and how many pixels the metrics
// cover ("non-finite pixels: none" when there are none).
QString nonFiniteText(const Comparison& comparison);

}  // namespace bragg::ui
