#include "DisplayOptionsBar.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSignalBlocker>
#include <QSpinBox>

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
      link_(new QCheckBox(tr("link ref/cand scales"), this)),
      difference_(new QComboBox(this)),
      beam_(new QCheckBox(tr("beam"), this)),
      rings_(new QCheckBox(tr("rings (Å)"), this)),
      ringSpacings_(new QLineEdit(this)),
      roi_(new QCheckBox(tr("ROI"), this)),
      regions_(new QCheckBox(tr("regions"), this)),
      mode_(new QComboBox(this)),
      blinkMs_(new QSpinBox(this)) {
    link_->setObjectName(QStringLiteral("linkScales"));
    link_->setToolTip(tr("Reference and Candidate colour ranges from both images: equal values look equal"));
    difference_->addItems({tr("Δ signed"), tr("|Δ|"), tr("relative Δ")});
    ringSpacings_->setToolTip(tr("Resolution rings at these d-spacings (Å)"));
    ringSpacings_->setMinimumWidth(90);
    ringSpacings_->setMaximumWidth(140);
    regions_->setObjectName(QStringLiteral("showRegions"));
    regions_->setToolTip(
        tr("Difference panel: tiles and resolution shells coloured by their Pearson; "
           "click a tile to zoom to it"));
    mode_->setObjectName(QStringLiteral("compareMode"));
    mode_->addItems({tr("side by side"), tr("blink"), tr("swipe")});
    mode_->setToolTip(
        tr("Candidate panel: Reference and Candidate alternating (blink, key B) or split at "
           "a divider you drag (swipe), on one colour range"));
    blinkMs_->setObjectName(QStringLiteral("blinkInterval"));
    blinkMs_->setRange(kBlinkMinMs, kBlinkMaxMs);
    blinkMs_->setSingleStep(50);
    blinkMs_->setSuffix(tr(" ms"));
    blinkMs_->setToolTip(tr("Blink: how long each image stays on screen"));

    auto* row = new QHBoxLayout(this);
    row->setContentsMargins(4, 0, 4, 0);
    row->addWidget(link_);
    row->addSpacing(12);
    row->addWidget(new QLabel(tr("difference"), this));
    row->addWidget(difference_);
    row->addSpacing(12);
    row->addWidget(beam_);
    row->addWidget(rings_);
    row->addWidget(ringSpacings_);
    row->addWidget(roi_);
    row->addWidget(regions_);
    row->addSpacing(12);
    row->addWidget(mode_);
    row->addWidget(blinkMs_);
    row->addStretch(1);

    setOptions(DisplayOptions{});
    connect(difference_, &QComboBox::currentIndexChanged, this, &DisplayOptionsBar::changed);
    for (QCheckBox* box : {link_, beam_, rings_, roi_, regions_})
        connect(box, &QCheckBox::toggled, this, &DisplayOptionsBar::changed);
    connect(ringSpacings_, &QLineEdit::editingFinished, this, &DisplayOptionsBar::changed);
    connect(blinkMs_, &QSpinBox::valueChanged, this, &DisplayOptionsBar::changed);
    connect(mode_, &QComboBox::currentIndexChanged, this, [this] { emit modeChanged(mode()); });
}

DisplayOptions DisplayOptionsBar::options() const {
    DisplayOptions o;
    o.linkScales = link_->isChecked();
    o.difference = DifferenceKind(difference_->currentIndex());
    o.showBeamCentre = beam_->isChecked();
    o.showRings = rings_->isChecked();
    o.ringSpacingsA = parseSpacings(ringSpacings_->text());
    o.showRoi = roi_->isChecked();
    o.showRegions = regions_->isChecked();
    o.blinkIntervalMs = blinkMs_->value();
    return o;
}

void DisplayOptionsBar::setOptions(const DisplayOptions& o) {
    const QSignalBlocker b1(link_), b2(difference_), b3(beam_), b4(rings_), b5(ringSpacings_), b6(roi_),
        b7(regions_), b8(blinkMs_);
    link_->setChecked(o.linkScales);
    difference_->setCurrentIndex(int(o.difference));
    beam_->setChecked(o.showBeamCentre);
    rings_->setChecked(o.showRings);
    ringSpacings_->setText(formatSpacings(o.ringSpacingsA));
    roi_->setChecked(o.showRoi);
    regions_->setChecked(o.showRegions);
    blinkMs_->setValue(o.blinkIntervalMs);
}

CompareMode DisplayOptionsBar::mode() const { return CompareMode(mode_->currentIndex()); }

void DisplayOptionsBar::setMode(CompareMode mode) { mode_->setCurrentIndex(int(mode)); }

void DisplayOptionsBar::changed() { emit optionsChanged(options()); }

}  // namespace bragg::ui
