#include "TraceTableModel.h"

#include <QBrush>
#include <QColor>
#include <QFont>

namespace bragg::ui {

namespace {

QString value(const std::optional<double>& v) {
    return v ? QString::number(*v, 'g', 12) : QStringLiteral("—");
}

}  // namespace

void TraceTableModel::setDiff(std::shared_ptr<const TraceDiff> diff, const TraceFilter& filter,
                              bool divergingOnly) {
    beginResetModel();
    diff_ = std::move(diff);
    shown_.clear();
    firstRow_ = -1;
    if (diff_)
        for (std::size_t i = 0; i < diff_->rows.size(); ++i) {
            const TraceRow& r = diff_->rows[i];
            if (!filter.accepts(r.site) || (divergingOnly && !r.diverges)) continue;
            if (int(i) == diff_->firstDivergence) firstRow_ = int(shown_.size());
            shown_.push_back(int(i));
        }
    endResetModel();
}

int TraceTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(shown_.size());
}

int TraceTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TraceTableModel::data(const QModelIndex& index, int role) const {
    if (!diff_ || !index.isValid() || index.row() >= rowCount()) return {};
    const TraceRow& r = diff_->rows[std::size_t(shown_[std::size_t(index.row())])];
    const bool first = index.row() == firstRow_;
    switch (role) {
        case Qt::DisplayRole:
            switch (index.column()) {
                case Site: {
                    const QString site = r.site.label().empty() ? QObject::tr("pixel")
                                                                : QString::fromStdString(r.site.label());
                    return first ? QStringLiteral("▶ ") + site : site;
                }
                case Quantity:
                    return QString::fromStdString(r.quantity);
                case Reference:
                    return value(r.a);
                case Candidate:
                    return value(r.b);
                case Difference:
                    return r.a && r.b && r.difference != 0 ? QString::number(r.difference, 'e', 2)
                                                           : QString();
                default:
                    return {};
            }
        case Qt::TextAlignmentRole:
            return index.column() >= Reference ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
        case Qt::BackgroundRole:
            if (first) return QBrush(QColor(255, 150, 60));
            if (r.diverges) return QBrush(QColor(255, 215, 215));
            return {};
        case Qt::ForegroundRole:
            if (first || r.diverges) return QBrush(Qt::black);  // readable on the tint in dark themes too
            if (!r.a || !r.b) return QBrush(Qt::gray);
            return {};
        case Qt::FontRole:
            if (first) {
                QFont bold;
                bold.setBold(true);
                return bold;
            }
            return {};
        case Qt::ToolTipRole:
            if (first) return QObject::tr("first divergence (relative difference above the tolerance)");
            if (r.diverges) return QObject::tr("diverges");
            if (!r.a) return QObject::tr("only the candidate reports this quantity");
            if (!r.b) return QObject::tr("only the reference reports this quantity");
            return {};
        default:
            return {};
    }
}

QVariant TraceTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (role != Qt::DisplayRole) return {};
    if (orientation == Qt::Vertical)  // the row's place in the whole trace
        return section >= 0 && section < rowCount() ? shown_[std::size_t(section)] + 1 : QVariant();
    static const char* names[] = {"site", "quantity", "reference", "candidate", "rel. difference"};
    return section >= 0 && section < ColumnCount ? QObject::tr(names[section]) : QVariant();
}

}  // namespace bragg::ui
