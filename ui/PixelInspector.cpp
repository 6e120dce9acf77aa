#include "PixelInspector.h"

#include <QLabel>
#include <QVBoxLayout>

#include <cmath>

#include "compare/NonFinite.h"

namespace bragg::ui {

namespace {

// Non-finite values by their class name ("NaN", "+inf", "-inf"), as the comparison reports them.
QString number(const std::optional<double>& v, int digits = 6) {
    if (!v) return QStringLiteral("—");
    if (!std::isfinite(*v)) return QString::fromLatin1(toString(classify(float(*v))));
    return QString::number(*v, 'g', digits);
}

// Δ of a pixel non-finite on either side: the two classes, and whether they agree.
QString nonFiniteDifference(double reference, double candidate) {
    const PixelClass a = classify(float(reference)), b = classify(float(candidate));
    if (a == b) return QObject::tr("— (%1 in both: agree)").arg(QString::fromLatin1(toString(a)));
    return QObject::tr("— (reference %1, candidate %2: mismatch)")
        .arg(QString::fromLatin1(toString(a)), QString::fromLatin1(toString(b)));
}

}  // namespace

PixelInspector::PixelInspector(QWidget* parent) : QWidget(parent), label_(new QLabel(this)) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    label_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label_->setTextFormat(Qt::RichText);
    layout->addWidget(label_);
    layout->addStretch(1);
    showReport(std::nullopt, false);
}

void PixelInspector::showReport(const std::optional<PixelReport>& r, bool pinned) {
    if (!r) {
        label_->setText(tr("<i>hover over an image; click to pin a pixel</i>"));
        return;
    }
    const bool nonFinite = r->reference && r->candidate && !r->difference;
    const QString difference =
        nonFinite ? nonFiniteDifference(*r->reference, *r->candidate) : number(r->difference, 4);
    const QString rows = QStringLiteral(
        "<table cellspacing=2>"
        "<tr><td>pixel (fast, slow)</td><td><b>%1, %2</b>%3</td></tr>"
        "<tr><td>reference</td><td>%4</td></tr>"
        "<tr><td>candidate</td><td>%5</td></tr>"
        "<tr><td>Δ</td><td>%6</td></tr>"
        "<tr><td>relative Δ</td><td>%7</td></tr>"
        "<tr><td>h k l</td><td>%8 %9 %10</td></tr>"
        "<tr><td>d</td><td>%11 Å</td></tr>"
        "<tr><td>2θ</td><td>%12°</td></tr></table>");
    label_->setText(
        rows.arg(r->fast)
            .arg(r->slow)
            .arg(pinned ? tr(" (pinned)") : QString())
            .arg(number(r->reference), number(r->candidate), difference, number(r->relativeDifference, 4))
            .arg(r->h, 0, 'f', 2)
            .arg(r->k, 0, 'f', 2)
            .arg(r->l, 0, 'f', 2)
            .arg(std::isfinite(r->dSpacingA) ? QString::number(r->dSpacingA, 'f', 3) : QStringLiteral("∞"))
            .arg(r->twoThetaDeg, 0, 'f', 3));
}

QString PixelInspector::text() const { return label_->text(); }

}  // namespace bragg::ui
