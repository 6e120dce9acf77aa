#include "DisplayOptionsBar.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSignalBlocker>

#include <QRegularExpression>

namespace bragg::ui {

namespace {

std::vector<double> parseSpacings(const QString& text) {
    std::vector<double> out;
    for (const QString& word :
         text.split(QRegularExpression(QStringLiteral("[,\\s]+")), Qt::SkipEmptyParts)) {
        bool ok = false;
        const double d = word.toDouble(&ok);
        if (ok && d > 0) out.push_back(d);
    }
    return out;
}

QString formatSpacings(const std::vector<double>& spacings) {
    QStringList words;
    for (double d : spacings) words << QString::number(d, 'g', 4);
    return words.join(' ');
}

}  // namespace

DisplayOptionsBar::DisplayOptionsBar(QWidget* parent)
    : QWidget(parent),
      scale_(new QComboBox(this)),
      clip_(new QDoubleSpinBox(this)),
      scheme_(new QComboBox(this)),
      lock_(new QCheckBox(tr("lock scale"), this)),
      difference_(new QComboBox(this)),
      beam_(new QCheckBox(tr("beam"), this)),
      rings_(new QCheckBox(tr("rings (Å)"), this)),
      ringSpacings_(new QLineEdit(this)),
      roi_(new QCheckBox(tr("ROI"), this)) {
    scale_->addItems({tr("linear"), tr("sqrt"), tr("log")});
    clip_->setRange(50, 100);
    clip_->setDecimals(2);
    clip_->setSingleStep(0.1);
    clip_->setSuffix(QStringLiteral(" %"));
    clip_->setToolTip(tr("Percentile clip: values above this percentile saturate"));
    scheme_->addItems({tr("grey"), tr("inverted grey"), tr("heat"), tr("viridis")});
    difference_->addItems({tr("Δ signed"), tr("|Δ|"), tr("relative Δ")});
    ringSpacings_->setToolTip(tr("Resolution rings at these d-spacings (Å)"));
    ringSpacings_->setMinimumWidth(90);
    ringSpacings_->setMaximumWidth(140);
    lock_->setToolTip(tr("Keep the colour range while tweaking parameters"));

    auto* row = new QHBoxLayout(this);
    row->setContentsMargins(4, 0, 4, 0);
    row->addWidget(new QLabel(tr("scale"), this));
    row->addWidget(scale_);
    row->addWidget(new QLabel(tr("clip"), this));
    row->addWidget(clip_);
    row->addWidget(scheme_);
    row->addWidget(lock_);
    row->addSpacing(12);
    row->addWidget(new QLabel(tr("difference"), this));
    row->addWidget(difference_);
    row->addSpacing(12);
    row->addWidget(beam_);
    row->addWidget(rings_);
    row->addWidget(ringSpacings_);
    row->addWidget(roi_);
    row->addStretch(1);

    setOptions(DisplayOptions{});
    connect(scale_, &QComboBox::currentIndexChanged, this, &DisplayOptionsBar::changed);
    connect(clip_, &QDoubleSpinBox::valueChanged, this, &DisplayOptionsBar::changed);
    connect(scheme_, &QComboBox::currentIndexChanged, this, &DisplayOptionsBar::changed);
    connect(difference_, &QComboBox::currentIndexChanged, this, &DisplayOptionsBar::changed);
    for (QCheckBox* box : {lock_, beam_, rings_, roi_})
        connect(box, &QCheckBox::toggled, this, &DisplayOptionsBar::changed);
    connect(ringSpacings_, &QLineEdit::editingFinished, this, &DisplayOptionsBar::changed);
}

DisplayOptions DisplayOptionsBar::options() const {
    DisplayOptions o;
    o.scale = ScaleKind(scale_->currentIndex());
    o.clipPercent = clip_->value();
    o.scheme = ColorScheme(scheme_->currentIndex());
    o.lockScale = lock_->isChecked();
    o.difference = DifferenceKind(difference_->currentIndex());
    o.showBeamCentre = beam_->isChecked();
    o.showRings = rings_->isChecked();
    o.ringSpacingsA = parseSpacings(ringSpacings_->text());
    o.showRoi = roi_->isChecked();
    return o;
}

void DisplayOptionsBar::setOptions(const DisplayOptions& o) {
    const QSignalBlocker b1(scale_), b2(clip_), b3(scheme_), b4(lock_), b5(difference_), b6(beam_),
        b7(rings_), b8(ringSpacings_), b9(roi_);
    scale_->setCurrentIndex(int(o.scale));
    clip_->setValue(o.clipPercent);
    scheme_->setCurrentIndex(int(o.scheme));
    lock_->setChecked(o.lockScale);
    difference_->setCurrentIndex(int(o.difference));
    beam_->setChecked(o.showBeamCentre);
    rings_->setChecked(o.showRings);
    ringSpacings_->setText(formatSpacings(o.ringSpacingsA));
    roi_->setChecked(o.showRoi);
}

void DisplayOptionsBar::changed() { emit optionsChanged(options()); }

}  // namespace bragg::ui
