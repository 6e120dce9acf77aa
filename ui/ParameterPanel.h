#pragma once
// Every nanoBragg flag as a form, grouped in tabs (Crystal, Beam, Detector, Sampling,
// Noise & Output), with units and help as tooltips and a one-line message under a field whose
// value the flag parser rejects. Only a fully valid form emits paramsChanged, so invalid values
// never reach the controller. Files (HKL, matrix, source list, SMV) by browse button or drag & drop.
#include <QString>
#include <QWidget>

#include <string>
#include <vector>

#include "ParameterForm.h"

class QLabel;
class QLineEdit;
class QDragEnterEvent;
class QDropEvent;

namespace bragg::ui {

class ParameterPanel : public QWidget {
    Q_OBJECT
public:
    explicit ParameterPanel(QWidget* parent = nullptr);

    void setParams(const Params& params);  // refreshes every field; emits nothing
    const ParameterForm& form() const { return form_; }
    // Test and automation hooks: set a field as if typed / chosen, and read its message.
    void editField(const std::string& key, const QString& value);
    QString fieldMessage(const std::string& key) const;
    QString statusMessage() const;
    QWidget* editor(const std::string& key) const;

public slots:
    // A problem found later (deriving the experiment): shown at its field if it names one.
    void showProblem(const QString& message);
    void clearProblem();

signals:
    void paramsChanged(const bragg::Params& params);

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    struct FieldWidgets {
        QWidget* editor = nullptr;
        QLabel* message = nullptr;
    };
    QWidget* buildField(int index, QWidget* page);
    void fieldEdited(int index, const std::string& value);
    void commit(bool normalise);
    void refreshEditors();
    void showFieldMessage(int index, const QString& message);

    ParameterForm form_;
    std::vector<FieldWidgets> widgets_;
    QLabel* status_ = nullptr;
    int problemField_ = -1;
    std::optional<Params> lastEmitted_;
};

}  // namespace bragg::ui
