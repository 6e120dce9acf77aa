#pragma once
// A histogram of Δ = candidate − reference, signed or relative (display/Difference.h
// images), over the current ROI (compare/Histogram.h counts; this only plots). A narrow peak at 0
// with a long tail says a few pixels differ; a shifted peak, a scale error.
#include <QWidget>

#include <optional>

#include "RenderTypes.h"
#include "compare/Histogram.h"

class QComboBox;
class QCustomPlot;
class QLabel;

namespace bragg::ui {

class DeltaHistogramPlot : public QWidget {
    Q_OBJECT
public:
    static constexpr int kBins = 80;

    explicit DeltaHistogramPlot(QWidget* parent = nullptr);
    void showResult(const RenderResultPtr& result, const std::optional<Roi>& roi);
    bool relative() const;
    void setRelative(bool relative);
    const Histogram& histogram() const { return histogram_; }
    QCustomPlot* plot() const { return plot_; }  // one QCPBars, one bar per bin at its centre

private:
    void recompute();

    QComboBox* kind_;
    QLabel* caption_;
    QCustomPlot* plot_;
    RenderResultPtr result_;
    std::optional<Roi> roi_;
    Histogram histogram_;
};

}  // namespace bragg::ui
