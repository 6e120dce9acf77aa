#pragma once
// What the region plots (radial profile, Δ histogram) share: a row of a control and a caption
// over the plot, small axis fonts, and the caption's words for the ROI.
#include <QString>

#include <optional>

#include "compare/Comparison.h"

class QCustomPlot;
class QLabel;
class QWidget;

namespace bragg::ui {

// Lays out `control` and `caption` in a row over `plot`, all in `owner`, with 8-pt axis fonts.
void layOutRegionPlot(QWidget& owner, QWidget* control, QLabel* caption, QCustomPlot* plot);

// "fast a–b, slow c–d" or "whole image".
QString roiText(const std::optional<Roi>& roi);

}  // namespace bragg::ui
