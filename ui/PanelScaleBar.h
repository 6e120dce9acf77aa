#pragma once
// One panel's colour-scale controls, shown above that panel: lin / sqrt / log, percentile clip,
// colour scheme and scale lock. Emits the whole PanelScale value on any change.
#include <QWidget>

#include "ImageStyle.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;

namespace bragg::ui {

class PanelScaleBar : public QWidget {
    Q_OBJECT
public:
    explicit PanelScaleBar(QWidget* parent = nullptr);
    PanelScale scale() const;
    void setScale(const PanelScale& scale);  // no signal
    // The Difference panel's scheme applies to |Δ| only: greyed out for the diverging scales.
    void setSchemeEnabled(bool enabled);

signals:
    void scaleChanged(const bragg::ui::PanelScale& scale);

private:
    void changed();
    QComboBox* kind_;
    QDoubleSpinBox* clip_;
    QComboBox* scheme_;
    QCheckBox* lock_;
};

}  // namespace bragg::ui
