#include "PanelScaleBar.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QSignalBlocker>

namespace bragg::ui {

PanelScaleBar::PanelScaleBar(QWidget* parent)
    : QWidget(parent),
      kind_(new QComboBox(this)),
      clip_(new QDoubleSpinBox(this)),
      scheme_(new QComboBox(this)),
      lock_(new QCheckBox(tr("lock"), this)) {
    kind_->setObjectName(QStringLiteral("scale"));
    clip_->setObjectName(QStringLiteral("clip"));
    scheme_->setObjectName(QStringLiteral("scheme"));
    lock_->setObjectName(QStringLiteral("lock"));
    kind_->addItems({tr("linear"), tr("sqrt"), tr("log")});
    kind_->setToolTip(tr("Colour scale of this panel"));
    clip_->setRange(50, 100);
    clip_->setDecimals(2);
    clip_->setSingleStep(0.1);
    clip_->setSuffix(QStringLiteral(" %"));
    clip_->setToolTip(tr("Percentile clip: values above this percentile saturate"));
    scheme_->addItems({tr("grey"), tr("inverted grey"), tr("heat"), tr("viridis")});
    lock_->setToolTip(tr("Keep this panel's colour range while tweaking parameters"));

    auto* row = new QHBoxLayout(this);
    row->setContentsMargins(2, 0, 2, 0);
    row->setSpacing(4);
    row->addWidget(kind_);
    row->addWidget(clip_);
    row->addWidget(scheme_);
    row->addWidget(lock_);
    row->addStretch(1);

    setScale(PanelScale{});
    connect(kind_, &QComboBox::currentIndexChanged, this, &PanelScaleBar::changed);
    connect(clip_, &QDoubleSpinBox::valueChanged, this, &PanelScaleBar::changed);
    connect(scheme_, &QComboBox::currentIndexChanged, this, &PanelScaleBar::changed);
    connect(lock_, &QCheckBox::toggled, this, &PanelScaleBar::changed);
}

PanelScale PanelScaleBar::scale() const {
    return PanelScale{
        {ScaleKind(kind_->currentIndex()), clip_->value(), ColorScheme(scheme_->currentIndex())},
        lock_->isChecked()};
}

void PanelScaleBar::setScale(const PanelScale& s) {
    const QSignalBlocker b1(kind_), b2(clip_), b3(scheme_), b4(lock_);
    kind_->setCurrentIndex(int(s.scale));
    clip_->setValue(s.clipPercent);
    scheme_->setCurrentIndex(int(s.scheme));
    lock_->setChecked(s.lock);
}

void PanelScaleBar::setSchemeEnabled(bool enabled) { scheme_->setEnabled(enabled); }

void PanelScaleBar::changed() { emit scaleChanged(scale()); }

}  // namespace bragg::ui
