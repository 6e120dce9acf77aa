#pragma once
// The toolbar above the images: Reference/Candidate scale link, difference mode and overlays.
// Emits a DisplayOptions value on any change; its per-panel colour scales (PanelScaleBar) are
// left at their defaults here.
#include <QWidget>

#include "ImageStyle.h"

class QCheckBox;
class QComboBox;
class QLineEdit;

namespace bragg::ui {

class DisplayOptionsBar : public QWidget {
    Q_OBJECT
public:
    explicit DisplayOptionsBar(QWidget* parent = nullptr);
    DisplayOptions options() const;
    void setOptions(const DisplayOptions& options);

signals:
    void optionsChanged(const bragg::ui::DisplayOptions& options);

private:
    void changed();
    QCheckBox* link_;
    QComboBox* difference_;
    QCheckBox* beam_;
    QCheckBox* rings_;
    QLineEdit* ringSpacings_;
    QCheckBox* roi_;
};

}  // namespace bragg::ui
