#pragma once
// The pixel trace panel: a clicked pixel evaluated by both sides' engines (TraceJob, on a worker
// thread), the two traces side by side in a table — site | quantity | reference | candidate |
// rel. difference — with the first divergence highlighted and scrolled to, other diverging rows
// tinted, and a summary line. Filters (layer, sub-pixel, source, φ, domain; "all" by default,
// populated from the trace) and "diverging rows only" narrow the table; the tolerance re-aligns
// the traces; "Export JSON…" writes trace.json (report::writeTraceJson, atomic). A side that is no
// engine (external program, image file) shows only its pixel value, and the panel says so.
// With the candidate set to "corrected" physics and the reference nanoBragg-compatible, the
// diverging rows are what the quirks change at that pixel.
#include <QWidget>

#include <memory>
#include <optional>
#include <utility>

#include "RenderTypes.h"
#include "TraceJob.h"

class QCheckBox;
class QComboBox;
class QGridLayout;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTableView;

namespace bragg::ui {

class TraceTableModel;

class TracePanel : public QWidget {
    Q_OBJECT
public:
    explicit TracePanel(QWidget* parent = nullptr);

    // Traces pixel (fast, slow) of a shown result (both sides, worker thread); supersedes any
    // trace in flight. Without a result the panel says there is nothing to trace yet.
    void traceAt(const RenderResultPtr& result, int fast, int slow);
    // Traces the same pixel again for a new result (new parameters or physics), if there is one.
    void refresh(const RenderResultPtr& result);
    // Shows two traces (also used by traceAt when the worker is done).
    void showOutcome(const TraceOutcomePtr& outcome);

    TraceOutcomePtr outcome() const { return outcome_; }
    const TraceDiff* diff() const { return diff_.get(); }
    std::optional<std::pair<int, int>> pixel() const { return pixel_; }
    bool isTracing() const { return job_->busy(); }

    double tolerance() const { return tolerance_; }
    void setTolerance(double tolerance);  // re-aligns the shown traces
    TraceFilter filter() const;
    void setFilter(const TraceFilter& filter);  // levels the trace lacks stay "all"
    void setDivergingOnly(bool on);

    QTableView* table() const { return table_; }
    const TraceTableModel& model() const { return *model_; }
    int firstDivergenceRow() const;  // table row, −1 if the traces agree or it is filtered out
    QString summaryText() const;
    QString headerText() const;  // the pixel and both sides (label, value, what is available)

    // Writes trace.json; false with *error set if the file cannot be written or nothing is traced.
    bool exportJson(const QString& path, QString* error = nullptr) const;

signals:
    void traceShown(bragg::ui::TraceOutcomePtr outcome);

private:
    void buildFilters(QGridLayout* grid);
    void rediff();    // aligns the shown traces again at the current tolerance
    void showDiff();  // filters and table for diff_
    void populateFilters();
    void applyFilter();
    void showHeader();
    void showSummary();
    void exportWithDialog();

    TraceJob* job_;
    QLabel* header_;
    QLabel* summary_;
    QProgressBar* busy_;
    QComboBox *layer_ = nullptr, *subpixel_ = nullptr, *source_ = nullptr, *phi_ = nullptr,
              *domain_ = nullptr;
    QCheckBox* divergingOnly_ = nullptr;
    QLineEdit* toleranceEdit_ = nullptr;
    QPushButton* export_ = nullptr;
    QTableView* table_;
    TraceTableModel* model_;

    TraceOutcomePtr outcome_;
    std::shared_ptr<const TraceDiff> diff_;
    std::optional<std::pair<int, int>> pixel_;
    double tolerance_ = 1e-5;
};

}  // namespace bragg::ui
