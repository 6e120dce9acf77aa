#include "TracePanel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDoubleValidator>
#include <QFileDialog>
#include <QFileInfo>
#include <QGridLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

#include <cmath>
#include <set>

#include "StudioSettings.h"
#include "TraceTableModel.h"
#include "report/TraceJson.h"

namespace bragg::ui {

namespace {

constexpr int kAll = -1;

QString number(double v) { return QString::number(v, 'g', 9); }
QString number(const std::optional<double>& v) {
    return v ? QString::number(*v, 'g', 12) : QStringLiteral("—");
}

// One filter level: "all" plus the values the trace has, keeping the selection if it still exists.
void fill(QComboBox* combo, const std::set<int>& values) {
    const int keep = combo->currentData().toInt();
    combo->blockSignals(true);
    combo->clear();
    combo->addItem(QObject::tr("all"), kAll);
    for (int v : values) combo->addItem(QString::number(v), v);
    combo->setCurrentIndex(std::max(0, combo->findData(keep)));
    combo->setEnabled(!values.empty());
    combo->blockSignals(false);
}

int encodeSubpixel(int subS, int subF) { return subS < 0 ? kAll : subS * 65536 + subF; }

QString sideLine(const QString& role, const TraceSideResult& side) {
    QString line =
        QStringLiteral("<b>%1:</b> %2").arg(role, QString::fromStdString(side.label).toHtmlEscaped());
    if (side.traced) {
        line += QObject::tr(" — traced, value %1").arg(number(side.trace.value));
        // The trace must reproduce what was rendered; say so loudly if it does not.
        if (side.renderedValue && float(side.trace.value) != float(*side.renderedValue))
            line += QObject::tr(" <span style='color:#b00'>(the image shows %1)</span>")
                        .arg(number(*side.renderedValue));
    } else {
        line += QObject::tr(" — pixel value %1").arg(number(side.renderedValue));
    }
    if (!side.note.empty())
        line += QStringLiteral("<br><i>&nbsp;&nbsp;%1</i>")
                    .arg(QString::fromStdString(side.note).toHtmlEscaped());
    return line;
}

}  // namespace

TracePanel::TracePanel(QWidget* parent)
    : QWidget(parent),
      job_(new TraceJob(this)),
      header_(new QLabel(this)),
      summary_(new QLabel(this)),
      busy_(new QProgressBar(this)),
      table_(new QTableView(this)),
      model_(new TraceTableModel(this)) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    header_->setTextFormat(Qt::RichText);
    header_->setWordWrap(true);
    header_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    summary_->setWordWrap(true);
    summary_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    summary_->setText(tr("Click a pixel to trace it through both sides' engines."));
    busy_->setRange(0, 0);  // indeterminate: an engine reports no progress for one pixel
    busy_->setMaximumHeight(8);
    busy_->setTextVisible(false);
    busy_->hide();
    layout->addWidget(header_);
    layout->addWidget(summary_);
    layout->addWidget(busy_);
    auto* grid = new QGridLayout;
    buildFilters(grid);
    layout->addLayout(grid);

    table_->setModel(model_);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setWordWrap(false);
    table_->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    table_->verticalHeader()->setDefaultSectionSize(table_->fontMetrics().height() + 4);
    table_->horizontalHeader()->setStretchLastSection(true);
    layout->addWidget(table_, 1);

    connect(job_, &TraceJob::finished, this, &TracePanel::showOutcome);
    connect(job_, &TraceJob::busyChanged, busy_, &QWidget::setVisible);
}

void TracePanel::buildFilters(QGridLayout* grid) {
    auto combo = [this](const char* name, const QString& tip) {
        auto* c = new QComboBox(this);
        c->setObjectName(QString::fromLatin1(name));
        c->setToolTip(tip);
        c->setSizeAdjustPolicy(QComboBox::AdjustToContents);
        fill(c, {});
        connect(c, &QComboBox::currentIndexChanged, this, &TracePanel::applyFilter);
        return c;
    };
    layer_ = combo("layerFilter", tr("Sensor layer (-thicksteps)"));
    subpixel_ = combo("subpixelFilter", tr("Sub-pixel (slow, fast) of -oversample"));
    source_ = combo("sourceFilter", tr("Source (divergence × dispersion)"));
    phi_ = combo("phiFilter", tr("φ step"));
    domain_ = combo("domainFilter", tr("Mosaic domain"));
    divergingOnly_ = new QCheckBox(tr("diverging only"), this);
    connect(divergingOnly_, &QCheckBox::toggled, this, &TracePanel::applyFilter);
    toleranceEdit_ = new QLineEdit(QString::number(tolerance_), this);
    toleranceEdit_->setObjectName(QStringLiteral("traceTolerance"));
    toleranceEdit_->setValidator(new QDoubleValidator(0, 1, 20, toleranceEdit_));
    toleranceEdit_->setToolTip(tr("Relative tolerance: rows differ when |a − b| > t · the quantity's scale"));
    toleranceEdit_->setMaximumWidth(80);
    connect(toleranceEdit_, &QLineEdit::editingFinished, this, [this] {
        bool ok = false;
        const double t = toleranceEdit_->text().toDouble(&ok);
        if (ok && t >= 0) setTolerance(t);
    });
    export_ = new QPushButton(tr("Export JSON…"), this);
    export_->setEnabled(false);
    connect(export_, &QPushButton::clicked, this, &TracePanel::exportWithDialog);

    grid->addWidget(new QLabel(tr("layer"), this), 0, 0);
    grid->addWidget(layer_, 0, 1);
    grid->addWidget(new QLabel(tr("sub-pixel"), this), 0, 2);
    grid->addWidget(subpixel_, 0, 3);
    grid->addWidget(new QLabel(tr("source"), this), 0, 4);
    grid->addWidget(source_, 0, 5);
    grid->addWidget(new QLabel(tr("φ"), this), 1, 0);
    grid->addWidget(phi_, 1, 1);
    grid->addWidget(new QLabel(tr("domain"), this), 1, 2);
    grid->addWidget(domain_, 1, 3);
    grid->addWidget(divergingOnly_, 1, 4, 1, 2);
    grid->addWidget(new QLabel(tr("tolerance"), this), 2, 0);
    grid->addWidget(toleranceEdit_, 2, 1);
    grid->addWidget(export_, 2, 3, 1, 3, Qt::AlignRight);
    grid->setColumnStretch(6, 1);
}

void TracePanel::traceAt(const RenderResultPtr& result, int fast, int slow) {
    pixel_ = std::pair(fast, slow);
    if (!result) {
        summary_->setText(tr("Pixel (%1, %2): nothing rendered yet to trace.").arg(fast).arg(slow));
        return;
    }
    TraceRequest request = makeTraceRequest(*result, fast, slow);
    request.tolerance = tolerance_;  // aligned on the worker thread: a trace can have 10⁵ rows
    job_->request(std::move(request));
    summary_->setText(tr("Tracing pixel (%1, %2)…").arg(fast).arg(slow));
}

void TracePanel::refresh(const RenderResultPtr& result) {
    if (pixel_ && result) traceAt(result, pixel_->first, pixel_->second);
}

void TracePanel::showOutcome(const TraceOutcomePtr& outcome) {
    if (!outcome) return;
    outcome_ = outcome;
    pixel_ = std::pair(outcome->fast, outcome->slow);
    if (outcome->diff && outcome->diff->tolerance == tolerance_) {
        diff_ = outcome->diff;
        showDiff();
    } else {
        rediff();
    }
    showHeader();
    emit traceShown(outcome);
}

void TracePanel::setTolerance(double tolerance) {
    tolerance_ = tolerance;
    if (toleranceEdit_->text().toDouble() != tolerance) toleranceEdit_->setText(QString::number(tolerance));
    if (outcome_) rediff();
}

void TracePanel::rediff() {
    diff_ = std::make_shared<const TraceDiff>(
        diffTraces(outcome_->reference.trace, outcome_->candidate.trace, tolerance_));
    showDiff();
}

void TracePanel::showDiff() {
    populateFilters();
    applyFilter();
    export_->setEnabled(true);
}

void TracePanel::populateFilters() {
    std::set<int> layers, subpixels, sources, phis, domains;
    for (const TraceRow& r : diff_->rows) {
        if (r.site.layer >= 0) layers.insert(r.site.layer);
        if (r.site.subS >= 0) subpixels.insert(encodeSubpixel(r.site.subS, r.site.subF));
        if (r.site.source >= 0) sources.insert(r.site.source);
        if (r.site.phi >= 0) phis.insert(r.site.phi);
        if (r.site.domain >= 0) domains.insert(r.site.domain);
    }
    fill(layer_, layers);
    fill(source_, sources);
    fill(phi_, phis);
    fill(domain_, domains);
    // Sub-pixels read "(slow, fast)" as in the site labels.
    const int keep = subpixel_->currentData().toInt();
    subpixel_->blockSignals(true);
    subpixel_->clear();
    subpixel_->addItem(tr("all"), kAll);
    for (int code : subpixels)
        subpixel_->addItem(QStringLiteral("(%1,%2)").arg(code / 65536).arg(code % 65536), code);
    subpixel_->setCurrentIndex(std::max(0, subpixel_->findData(keep)));
    subpixel_->setEnabled(!subpixels.empty());
    subpixel_->blockSignals(false);
}

TraceFilter TracePanel::filter() const {
    TraceFilter f;
    f.layer = layer_->currentData().toInt();
    const int sub = subpixel_->currentData().toInt();
    if (sub != kAll) f.subS = sub / 65536, f.subF = sub % 65536;
    f.source = source_->currentData().toInt();
    f.phi = phi_->currentData().toInt();
    f.domain = domain_->currentData().toInt();
    return f;
}

void TracePanel::setFilter(const TraceFilter& f) {
    const std::pair<QComboBox*, int> levels[] = {{layer_, f.layer},
                                                 {subpixel_, encodeSubpixel(f.subS, f.subF)},
                                                 {source_, f.source},
                                                 {phi_, f.phi},
                                                 {domain_, f.domain}};
    for (const auto& [combo, v] : levels) {
        combo->blockSignals(true);
        combo->setCurrentIndex(std::max(0, combo->findData(v < 0 ? kAll : v)));
        combo->blockSignals(false);
    }
    applyFilter();
}

void TracePanel::setDivergingOnly(bool on) { divergingOnly_->setChecked(on); }

void TracePanel::applyFilter() {
    model_->setDiff(diff_, filter(), divergingOnly_->isChecked());
    table_->resizeColumnsToContents();
    const int first = model_->firstDivergenceRow();
    if (first >= 0) {
        table_->doItemsLayout();  // the scroll range of the new rows, now rather than after the next event
        table_->scrollTo(model_->index(first, 0), QAbstractItemView::PositionAtCenter);
    }
    showSummary();
}

int TracePanel::firstDivergenceRow() const { return model_->firstDivergenceRow(); }

void TracePanel::showHeader() {
    const TraceOutcome& o = *outcome_;
    header_->setText(
        tr("<b>Pixel (%1, %2)</b><br>%3<br>%4")
            .arg(o.fast)
            .arg(o.slow)
            .arg(sideLine(tr("Reference"), o.reference), sideLine(tr("Candidate"), o.candidate)));
}

void TracePanel::showSummary() {
    if (!diff_) return;
    QString text;
    if (const TraceRow* r = diff_->first()) {
        const QString site = QString::fromStdString(r->site.label());
        text = tr("First divergence: %1%2: %3 vs %4 (relative difference %5 > tolerance %6)")
                   .arg(site.isEmpty() ? QString() : site + ' ', QString::fromStdString(r->quantity),
                        number(r->a), number(r->b), QString::number(r->difference, 'g', 3),
                        QString::number(diff_->tolerance));
        if (firstDivergenceRow() < 0) text += tr(" — hidden by the filters");
    } else if (diff_->compared == 0) {
        text = tr("Nothing to compare: no quantity is reported by both sides.");
    } else {
        text = tr("Traces agree: %1 quantities compared, none differs by more than %2.")
                   .arg(diff_->compared)
                   .arg(diff_->tolerance);
    }
    int diverging = 0;
    for (const TraceRow& r : diff_->rows) diverging += r.diverges ? 1 : 0;
    if (diverging > 1) text += tr(" %1 rows diverge.").arg(diverging);
    text += tr(" Showing %1 of %2 rows.").arg(model_->rowCount()).arg(diff_->rows.size());
    summary_->setText(text);
}

QString TracePanel::summaryText() const { return summary_->text(); }

QString TracePanel::headerText() const { return header_->text(); }

bool TracePanel::exportJson(const QString& path, QString* error) const {
    try {
        if (!outcome_ || !diff_) throw std::runtime_error("no pixel traced yet");
        report::writeTraceJson(path.toStdString(), outcome_->reference.trace, outcome_->candidate.trace,
                               *diff_);
        return true;
    } catch (const std::exception& e) {
        if (error) *error = QString::fromStdString(e.what());
        return false;
    }
}

void TracePanel::exportWithDialog() {
    if (!outcome_) return;
    const QString name = QStringLiteral("trace-%1-%2.json").arg(outcome_->fast).arg(outcome_->slow);
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export trace"), QDir(StudioSettings().exportFolder()).filePath(name), tr("JSON (*.json)"));
    if (path.isEmpty()) return;
    QString error;
    if (exportJson(path, &error)) {
        StudioSettings().setExportFolder(QFileInfo(path).path());
        return;
    }
    auto* box = new QMessageBox(QMessageBox::Warning, tr("Export trace"), error, QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

}  // namespace bragg::ui
