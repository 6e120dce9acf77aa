#pragma once
// The Difference panel's regions overlay: every tile of the comparison's grid tinted by its
// Pearson (failing ones outlined and labelled with Pearson and sum ratio), and each resolution
// shell's outer edge as a ring in the same colours, labelled with the shell's Pearson.
#include <QColor>
#include <QFont>
#include <QPen>

#include "ImageStyle.h"

class QCustomPlot;
class QCPCurve;

namespace bragg::ui {

// A failing tile's outline: orange just below pearsonMin, through red, to dark red at a Pearson of
// 0.9 or less.
QColor tileColour(double pearson, double pearsonMin);
// The overlay's colour for a Pearson: green at or above pearsonMin, else tileColour (a failing
// tile always takes tileColour: it may fail on its sum ratio alone).
QColor regionColour(double pearson, double pearsonMin);

// One on-detector piece of a ring (pixel coordinates) as a curve on the plot's axes.
QCPCurve* addPolyline(QCustomPlot& plot, const Polyline& piece, const QPen& pen);

// Items named "regionTile" (passing), "failingTile" (+ "failingTileLabel") and "shellRing"
// (+ "shellRingLabel") so that tests can find them.
void drawRegionsOverlay(QCustomPlot& plot, const Overlays& overlays, const QFont& font);

}  // namespace bragg::ui
