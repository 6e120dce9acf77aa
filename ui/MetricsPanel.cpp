#include "MetricsPanel.h"

#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSignalBlocker>
#include <QStringList>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace bragg::ui {

namespace {

QString seconds(double s) {
    return s < 1 ? QString::number(s * 1000, 'f', 1) + QStringLiteral(" ms")
                 : QString::number(s, 'f', 2) + QStringLiteral(" s");
}

QDoubleSpinBox* spin(QWidget* parent, double lo, double hi, int decimals, double step, const QString& tip) {
    auto* box = new QDoubleSpinBox(parent);
    box->setRange(lo, hi);
    box->setDecimals(decimals);
    box->setSingleStep(step);
    box->setToolTip(tip);
    return box;
}

// "6 (+inf 6)", "none": one side's non-finite pixels by class.
QString sideCounts(const NonFiniteCounts& c) {
    if (c.total() == 0) return QObject::tr("none");
    QStringList parts;
    if (c.nan) parts << QStringLiteral("NaN %1").arg(qulonglong(c.nan));
    if (c.plusInf) parts << QStringLiteral("+inf %1").arg(qulonglong(c.plusInf));
    if (c.minusInf) parts << QStringLiteral("-inf %1").arg(qulonglong(c.minusInf));
    return QStringLiteral("%1 (%2)").arg(qulonglong(c.total())).arg(parts.join(QStringLiteral(", ")));
}

}  // namespace

std::optional<PixelPosition> firstNonFiniteMismatch(const NonFiniteSummary& summary) {
    std::optional<PixelPosition> first;
    for (const NonFiniteMismatch& g : summary.mismatches) {
        if (g.first.empty()) continue;
        const PixelPosition& p = g.first.front();
        if (!first || p.slow < first->slow || (p.slow == first->slow && p.fast < first->fast)) first = p;
    }
    return first;
}

QString nonFiniteText(const Comparison& c) {
    const NonFiniteSummary& n = c.nonFinite;
    if (!n.any()) return QObject::tr("non-finite pixels: none");
    std::size_t mismatching = 0;
    for (const NonFiniteMismatch& g : n.mismatches) mismatching += g.count;
    return QObject::tr(
               "non-finite pixels: reference %1, candidate %2\n"
               "%3 shared, %4 mismatching; metrics over the %5 pixels finite in both")
        .arg(sideCounts(n.reference), sideCounts(n.candidate))
        .arg(qulonglong(n.shared))
        .arg(qulonglong(mismatching))
        .arg(qulonglong(c.metrics.finitePixels));
}

QString regionsText(const Comparison& c) {
    if (!c.regions) return {};
    const RegionReport& r = *c.regions;
    const Registration& g = r.registration;
    QStringList lines;
    const auto px = [](double v) { return std::round(v * 100) / 100 + 0.0; };  // + 0.0: no "-0.00"
    if (g.shiftSignificant)
        lines << QObject::tr("shift (%1, %2) px; correlation %3 → %4 after undoing it")
                     .arg(px(g.shiftFastPx), 0, 'f', 2)
                     .arg(px(g.shiftSlowPx), 0, 'f', 2)
                     .arg(g.pearsonUnshifted, 0, 'f', 6)
                     .arg(g.pearsonShifted, 0, 'f', 6);
    else
        lines << QObject::tr("no shift above %1 px").arg(Registration::kSignificantShiftPx);
    lines << QObject::tr("scale %1 (least squares)").arg(r.scale.scale, 0, 'f', 6);
    const auto failing = std::count_if(r.tiles.begin(), r.tiles.end(),
                                       [](const TileMetrics& t) { return !t.failures.empty(); });
    lines << QObject::tr("tiles: %1 of %2 fail").arg(qlonglong(failing)).arg(qulonglong(r.tiles.size()));
    if (!r.diagnosis.line.empty())
        lines << QObject::tr("diagnosis: %1").arg(QString::fromStdString(r.diagnosis.line));
    return lines.join('\n');
}

QString metricsText(const RenderResult& r) {
    if (!r.comparison) return {};
    const BasicMetrics& m = r.comparison->metrics;
    const PeakMatch& p = r.comparison->peaks;
    QString text = QStringLiteral(
                       "correlation %1\nsum ratio %2\nmax|Δ| %3 at (%4, %5)\nRMSE %6\n"
                       "peaks %7 ref / %8 cand\nmean peak distance %9 px, %10 % within 1 px")
                       .arg(m.pearson, 0, 'f', 6)
                       .arg(m.sumRatio, 0, 'f', 6)
                       .arg(m.maxAbsDiff, 0, 'g', 4)
                       .arg(m.maxAbsDiffFast)
                       .arg(m.maxAbsDiffSlow)
                       .arg(m.rmse, 0, 'g', 4)
                       .arg(p.peaksReference)
                       .arg(p.peaksCandidate)
                       .arg(p.meanDistance, 0, 'f', 2)
                       .arg(p.fractionWithin1px * 100, 0, 'f', 0);
    // A set-up that differs is the most likely cause: first.
    if (r.comparison->setup && !r.comparison->setup->differences.empty())
        text = QString::fromStdString(r.comparison->setup->line()) + '\n' + text;
    if (r.comparison->pixelGate)
        text +=
            QChar('\n') +
            QObject::tr("per-pixel gate: %1").arg(QString::fromStdString(describe(*r.comparison->pixelGate)));
    if (r.precision) text += '\n' + QString::fromStdString(r.precision->conclusion);
    for (const auto& [noise, side] : {std::pair{&r.comparison->referenceNoise, "reference"},
                                      std::pair{&r.comparison->candidateNoise, "candidate"}})
        if (*noise)
            text += QStringLiteral("\nnoise floor: ") + QString::fromStdString(describe(**noise, side));
    if (!r.comparison->withinNoise.empty())
        text += QStringLiteral("\nwithin noise: ") + QString::fromStdString(r.comparison->withinNoise);
    if (r.comparison->regions) text += '\n' + regionsText(*r.comparison);
    if (r.comparison->nonFinite.any()) text += '\n' + nonFiniteText(*r.comparison);
    return text;
}

MetricsPanel::MetricsPanel(QWidget* parent)
    : QWidget(parent),
      badge_(new QLabel(this)),
      failures_(new QLabel(this)),
      metrics_(new QLabel(this)),
      times_(new QLabel(this)),
      latency_(new QLabel(this)),
      maxLocation_(new QPushButton(this)),
      nonFiniteLocation_(new QPushButton(this)),
      pearsonMin_(spin(this, 0, 1, 6, 1e-4, tr("correlation must be at least this"))),
      sumRatioTol_(spin(this, 0, 1, 6, 1e-4, tr("|sum ratio − 1| at most this"))),
      maxAbsDiffRel_(spin(this, 0, 10, 6, 1e-3, tr("max|Δ| ≤ this · max|reference|; 0 disables"))),
      atol_(spin(this, -1, 1e12, 6, 1e-3, tr("per-pixel gate: every pixel within atol + rtol·|reference|"))),
      rtol_(spin(this, -1, 1, 8, 1e-6, atol_->toolTip())),
      peakDistanceMax_(
          spin(this, -1, 100, 2, 0.1, tr("mean peak distance (px) at most this; < 0 disables"))) {
    for (QDoubleSpinBox* gate : {atol_, rtol_}) gate->setSpecialValueText(tr("off"));  // at −1
    // Two columns: verdict and numbers | thresholds.
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    auto* numbers = new QVBoxLayout;
    layout->addLayout(numbers, 1);
    badge_->setAlignment(Qt::AlignCenter);
    badge_->setMinimumHeight(30);
    badge_->setMaximumHeight(36);
    numbers->addWidget(badge_);
    failures_->setWordWrap(true);
    numbers->addWidget(failures_);
    metrics_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    metrics_->setWordWrap(true);  // the diagnosis line is long
    numbers->addWidget(metrics_);
    maxLocation_->setToolTip(tr("Centre the images on the largest difference"));
    maxLocation_->setFlat(true);
    maxLocation_->setStyleSheet(
        QStringLiteral("text-align: left; color: #1a5fb4; text-decoration: underline;"));
    connect(maxLocation_, &QPushButton::clicked, this, [this] { emit jumpRequested(jumpFast_, jumpSlow_); });
    numbers->addWidget(maxLocation_);
    nonFiniteLocation_->setToolTip(
        tr("Centre the images on the first pixel that is NaN or ±inf on one side only "
           "(or of another class on each)"));
    nonFiniteLocation_->setFlat(true);
    nonFiniteLocation_->setStyleSheet(maxLocation_->styleSheet());
    connect(nonFiniteLocation_, &QPushButton::clicked, this,
            [this] { emit jumpRequested(nonFiniteJump_.fast, nonFiniteJump_.slow); });
    numbers->addWidget(nonFiniteLocation_);
    numbers->addStretch(1);

    auto* right = new QVBoxLayout;
    layout->addLayout(right);
    right->addWidget(times_);
    right->addWidget(latency_);
    auto* box = new QGroupBox(tr("Thresholds"), this);
    auto* form = new QFormLayout(box);
    form->addRow(tr("correlation ≥"), pearsonMin_);
    form->addRow(tr("|sum ratio − 1| ≤"), sumRatioTol_);
    form->addRow(tr("max|Δ| / max ≤"), maxAbsDiffRel_);
    form->addRow(tr("peak distance ≤"), peakDistanceMax_);
    form->addRow(tr("per pixel: atol"), atol_);
    form->addRow(tr("per pixel: rtol"), rtol_);
    right->addWidget(box);
    right->addStretch(1);
    setThresholds(Thresholds{});
    for (QDoubleSpinBox* s : {pearsonMin_, sumRatioTol_, maxAbsDiffRel_, peakDistanceMax_, atol_, rtol_})
        connect(s, &QDoubleSpinBox::valueChanged, this, [this] { emit thresholdsChanged(thresholds()); });
    clear(tr("waiting for the first render"));
}

Thresholds MetricsPanel::thresholds() const {
    Thresholds t;
    t.pearsonMin = pearsonMin_->value();
    t.sumRatioTol = sumRatioTol_->value();
    t.maxAbsDiffRel = maxAbsDiffRel_->value();
    t.peakDistanceMax = peakDistanceMax_->value();
    t.atol = atol_->value();
    t.rtol = rtol_->value();
    return t;
}

void MetricsPanel::setThresholds(const Thresholds& t) {
    const QSignalBlocker b1(pearsonMin_), b2(sumRatioTol_), b3(maxAbsDiffRel_), b4(peakDistanceMax_),
        b5(atol_), b6(rtol_);
    atol_->setValue(t.atol < 0 ? -1 : t.atol);
    rtol_->setValue(t.rtol < 0 ? -1 : t.rtol);
    pearsonMin_->setValue(t.pearsonMin);
    sumRatioTol_->setValue(t.sumRatioTol);
    maxAbsDiffRel_->setValue(t.maxAbsDiffRel);
    peakDistanceMax_->setValue(t.peakDistanceMax);
}

void MetricsPanel::clear(const QString& why) {
    badge_->setText(QStringLiteral("—"));
    badge_->setStyleSheet(QStringLiteral(
        "font-size: 16pt; font-weight: bold; color: #777; border: 2px solid #bbb; border-radius: 4px;"));
    failures_->setText(why);
    metrics_->clear();
    maxLocation_->hide();
    nonFiniteLocation_->hide();
    times_->clear();
}

void MetricsPanel::showResult(const RenderResult& r) {
    if (!r.comparison) return;
    const Comparison& c = *r.comparison;
    const bool pass = c.verdict == Verdict::Pass;
    badge_->setText(QString::fromLatin1(toString(c.verdict)));
    badge_->setStyleSheet(pass ? QStringLiteral("font-size: 16pt; font-weight: bold; color: white; "
                                                "background: #2e7d32; border-radius: 4px;")
                               : QStringLiteral("font-size: 16pt; font-weight: bold; color: white; "
                                                "background: #c62828; border-radius: 4px;"));
    QStringList failures;
    for (const std::string& f : c.failures) failures << QString::fromStdString(f);
    failures_->setText(failures.join('\n'));
    summary_ = metricsText(r);
    // The panel always says whether there are non-finite pixels; captions only when there are.
    metrics_->setText(c.nonFinite.any() ? summary_ : summary_ + '\n' + nonFiniteText(c));
    jumpFast_ = c.metrics.maxAbsDiffFast;
    jumpSlow_ = c.metrics.maxAbsDiffSlow;
    maxLocation_->setText(tr("→ jump to max|Δ| at (%1, %2)").arg(jumpFast_).arg(jumpSlow_));
    maxLocation_->show();
    const std::optional<PixelPosition> mismatch = firstNonFiniteMismatch(c.nonFinite);
    if (mismatch) {
        nonFiniteJump_ = *mismatch;
        nonFiniteLocation_->setText(tr("→ jump to the first non-finite mismatch at (%1, %2)")
                                        .arg(mismatch->fast)
                                        .arg(mismatch->slow));
    }
    nonFiniteLocation_->setVisible(mismatch.has_value());
    const RenderTimings& t = r.timings;
    (t.candidateCold ? lastColdSeconds_ : lastWarmSeconds_) = t.candidateSeconds;
    const QString cache = !t.candidateCacheHit   ? QString()
                          : *t.candidateCacheHit ? tr(", cache hit")
                                                 : tr(", cache miss");
    times_->setText(tr("reference %1%2 (%3)\ncandidate %4 (%5)%6\n  cold %7, warm %8\nspeedup %9×")
                        .arg(seconds(t.referenceSeconds), t.referenceReused ? tr(", reused") : QString(),
                             QString::fromStdString(r.referenceLabel), seconds(t.candidateSeconds),
                             QString::fromStdString(r.candidateLabel), cache,
                             lastColdSeconds_ > 0 ? seconds(lastColdSeconds_) : QStringLiteral("—"),
                             lastWarmSeconds_ > 0 ? seconds(lastWarmSeconds_) : QStringLiteral("—"))
                        .arg(t.speedup(), 0, 'f', 1));
}

void MetricsPanel::showLatency(double milliseconds) {
    latency_->setText(tr("edit → image %1 ms").arg(milliseconds, 0, 'f', 0));
}

QString MetricsPanel::verdictText() const { return badge_->text(); }
QString MetricsPanel::summaryText() const { return summary_; }

}  // namespace bragg::ui
