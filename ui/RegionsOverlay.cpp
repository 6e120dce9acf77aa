#include "RegionsOverlay.h"

#include <algorithm>

#include <qcustomplot.h>

namespace bragg::ui {

QColor tileColour(double pearson, double pearsonMin) {
    constexpr double kDarkestAtPearson = 0.9;
    const double span = std::max(pearsonMin - kDarkestAtPearson, 1e-12);
    const double t = std::clamp((pearsonMin - pearson) / span, 0.0, 1.0);  // 0 at the threshold, 1 far below
    return QColor::fromRgbF(1.0 - 0.45 * t, 0.6 * (1 - t), 0.0);
}

QColor regionColour(double pearson, double pearsonMin) {
    return pearson >= pearsonMin ? QColor(0, 150, 70) : tileColour(pearson, pearsonMin);
}

QCPCurve* addPolyline(QCustomPlot& plot, const Polyline& piece, const QPen& pen) {
    auto* curve = new QCPCurve(plot.xAxis, plot.yAxis);
    QVector<double> t, x, y;
    for (std::size_t i = 0; i < piece.size(); ++i) {
        t << double(i);
        x << piece[i].fast;
        y << piece[i].slow;
    }
    curve->setData(t, x, y, true);
    curve->setPen(pen);
    return curve;
}

namespace {

QCPItemText* addLabel(QCustomPlot& plot, const QString& name, const QString& text, const PixelPoint& at,
                      Qt::Alignment alignment, const QColor& colour, const QFont& font) {
    auto* label = new QCPItemText(&plot);
    label->setObjectName(name);
    label->position->setCoords(at.fast, at.slow);
    label->setPositionAlignment(alignment);
    label->setText(text);
    label->setFont(font);
    label->setColor(colour);
    label->setClipToAxisRect(true);
    return label;
}

}  // namespace

void drawRegionsOverlay(QCustomPlot& plot, const Overlays& o, const QFont& font) {
    for (const TileMetrics& t : o.tiles) {
        const bool fails = !t.failures.empty();
        // A tile can fail on its sum ratio alone: failing tiles take the failing colours whatever
        // their Pearson.
        const QColor colour = fails ? tileColour(t.metrics.pearson, o.pearsonMin)
                                    : regionColour(t.metrics.pearson, o.pearsonMin);
        auto* rect = new QCPItemRect(&plot);
        rect->setObjectName(fails ? QStringLiteral("failingTile") : QStringLiteral("regionTile"));
        rect->topLeft->setCoords(t.fastBegin - 0.5, t.slowBegin - 0.5);
        rect->bottomRight->setCoords(t.fastEnd - 0.5, t.slowEnd - 0.5);
        // A light tint, so that the difference still shows through; failing tiles outlined.
        QColor fill = colour;
        fill.setAlpha(fails ? 70 : 35);
        rect->setBrush(fill);
        QColor edge = colour;
        if (!fails) edge.setAlpha(90);
        rect->setPen(QPen(edge, fails ? 1.5 : 0.5));
        if (!fails) continue;
        // Pearson and sum ratio: a tile can fail on either.
        addLabel(plot, QStringLiteral("failingTileLabel"),
                 QStringLiteral("r %1, sum ×%2")
                     .arg(t.metrics.pearson, 0, 'f', 4)
                     .arg(t.metrics.sumRatio, 0, 'f', 3),
                 {t.fastBegin - 0.5, t.slowBegin - 0.5}, Qt::AlignLeft | Qt::AlignTop, colour,
                 QFont(font.family(), 7));
    }
    for (const ShellRing& shell : o.shellRings) {
        const QColor colour = regionColour(shell.pearson, o.pearsonMin);
        for (const Polyline& piece : shell.ring.pieces)
            addPolyline(plot, piece, QPen(colour, 1.5))->setObjectName(QStringLiteral("shellRing"));
        if (shell.ring.pieces.empty() || shell.ring.pieces.front().empty()) continue;
        // Labelled at the ring's on-detector point nearest the top-left corner: concentric rings'
        // labels then stand apart along the diagonal (the d-spacing rings' labels sit at the top).
        std::optional<PixelPoint> corner;
        const auto distance2 = [](const PixelPoint& p) { return p.fast * p.fast + p.slow * p.slow; };
        for (const Polyline& piece : shell.ring.pieces)
            for (const PixelPoint& p : piece)
                if (p.fast >= 0 && p.slow >= 0 && (!corner || distance2(p) < distance2(*corner))) corner = p;
        if (!corner) continue;
        addLabel(
            plot, QStringLiteral("shellRingLabel"),
            QStringLiteral("%1 Å r %2").arg(shell.ring.dSpacingA, 0, 'f', 2).arg(shell.pearson, 0, 'f', 5),
            *corner, Qt::AlignRight | Qt::AlignBottom, colour, QFont(font.family(), 7));
    }
}

}  // namespace bragg::ui
