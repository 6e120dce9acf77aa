#pragma once
// The azimuthally averaged profile of Reference and Candidate and their ratio (right axis)
// against 2θ or d-spacing, over the current ROI (compare/RadialProfile.h does the binning; this
// only plots). A ratio that drifts with angle points to λ, polarization or solid angle.
#include <QWidget>

#include <optional>

#include "RenderTypes.h"
#include "compare/RadialProfile.h"

class QComboBox;
class QCustomPlot;
class QLabel;

namespace bragg::ui {

class RadialProfilePlot : public QWidget {
    Q_OBJECT
public:
    enum class Axis { TwoTheta, DSpacing };

    explicit RadialProfilePlot(QWidget* parent = nullptr);
    // Recomputes over `roi` (nullopt: the whole image) of a complete result.
    void showResult(const RenderResultPtr& result, const std::optional<Roi>& roi);
    Axis axis() const;
    void setAxis(Axis axis);
    const std::vector<RadialBin>& profile() const { return profile_; }
    QCustomPlot* plot() const { return plot_; }  // graphs: reference, candidate (left axis), ratio (right)

    // Bins for an ROI of `pixels` pixels: about √pixels, 8 to 100.
    static int binsFor(std::size_t pixels);

private:
    void replot();

    QComboBox* axis_;
    QLabel* caption_;
    QCustomPlot* plot_;
    std::vector<RadialBin> profile_;
    std::shared_ptr<const Experiment> mapFor_;  // the experiment dSpacingA_ was computed for
    std::vector<double> dSpacingA_;
};

}  // namespace bragg::ui
