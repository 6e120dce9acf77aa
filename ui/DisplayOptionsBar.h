#pragma once
// The toolbar above the images: scale, clip percentile, colour scheme, scale lock, difference
// mode and overlays. Emits the whole DisplayOptions value on any change.
#include <QWidget>

#include "ImageStyle.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
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
    QComboBox* scale_;
    QDoubleSpinBox* clip_;
    QComboBox* scheme_;
    QCheckBox* lock_;
    QComboBox* difference_;
    QCheckBox* beam_;
    QCheckBox* rings_;
    QLineEdit* ringSpacings_;
    QCheckBox* roi_;
};

}  // namespace bragg::ui
