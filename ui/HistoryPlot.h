#pragma once
// Correlation and speedup over the session's renders (QCustomPlot, two y axes).
#include <QWidget>

class QCustomPlot;

namespace bragg::ui {

class HistoryPlot : public QWidget {
    Q_OBJECT
public:
    explicit HistoryPlot(QWidget* parent = nullptr);
    void addPoint(double correlation, double speedup);
    void clear();
    int count() const { return count_; }

private:
    QCustomPlot* plot_;
    int count_ = 0;
};

}  // namespace bragg::ui
