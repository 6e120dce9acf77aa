#pragma once
// The trace panel's table: the rows of a TraceDiff that pass a filter, as site | quantity |
// reference | candidate | rel. difference. The first divergence is marked (▶, strong colour,
// bold), other diverging rows are tinted, rows only one side reports are greyed.
#include <QAbstractTableModel>

#include <memory>
#include <vector>

#include "trace/TraceDiff.h"

namespace bragg::ui {

class TraceTableModel : public QAbstractTableModel {
public:
    enum Column { Site, Quantity, Reference, Candidate, Difference, ColumnCount };
    using QAbstractTableModel::QAbstractTableModel;

    void setDiff(std::shared_ptr<const TraceDiff> diff, const TraceFilter& filter, bool divergingOnly);
    const TraceDiff* diff() const { return diff_.get(); }
    int diffIndex(int row) const { return shown_.at(std::size_t(row)); }  // table row → diff row
    int firstDivergenceRow() const { return firstRow_; }                  // -1 if absent or filtered out

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    std::shared_ptr<const TraceDiff> diff_;
    std::vector<int> shown_;
    int firstRow_ = -1;
};

}  // namespace bragg::ui
