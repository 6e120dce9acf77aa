#pragma once
// Shows one pixel: fast/slow, both values, Δ and relative Δ, fractional hkl, d-spacing and 2θ.
// Hover updates it; a click pins it until the next click.
#include <QWidget>

#include <optional>

#include "PixelProbe.h"

class QLabel;

namespace bragg::ui {

class PixelInspector : public QWidget {
    Q_OBJECT
public:
    explicit PixelInspector(QWidget* parent = nullptr);
    void showReport(const std::optional<PixelReport>& report, bool pinned);
    QString text() const;

private:
    QLabel* label_;
};

}  // namespace bragg::ui
