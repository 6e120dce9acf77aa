#pragma once
// The toolbar above the images: Reference/Candidate scale link, difference mode, overlays (the
// regions overlay included), and how Reference and Candidate are shown (side by side, blink at a
// chosen interval, swipe). Emits a DisplayOptions value on any change of those, modeChanged for
// the mode (not part of the saved options); its per-panel colour scales (PanelScaleBar) are left
// at their defaults here.
#include <QWidget>

#include "ImageStyle.h"

class QCheckBox;
class QComboBox;
class QLineEdit;
class QSpinBox;

namespace bragg::ui {

class DisplayOptionsBar : public QWidget {
    Q_OBJECT
public:
    explicit DisplayOptionsBar(QWidget* parent = nullptr);
    DisplayOptions options() const;
    void setOptions(const DisplayOptions& options);
    CompareMode mode() const;
    void setMode(CompareMode mode);  // emits modeChanged if it changes

signals:
    void optionsChanged(const bragg::ui::DisplayOptions& options);
    void modeChanged(bragg::ui::CompareMode mode);

private:
    void changed();
    QCheckBox* link_;
    QComboBox* difference_;
    QCheckBox* beam_;
    QCheckBox* rings_;
    QLineEdit* ringSpacings_;
    QCheckBox* roi_;
    QCheckBox* regions_;
    QComboBox* mode_;
    QSpinBox* blinkMs_;
};

}  // namespace bragg::ui
