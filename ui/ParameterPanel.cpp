#include "ParameterPanel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QScrollArea>
#include <QSignalBlocker>
#include <QTabWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace bragg::ui {

namespace {

QString labelText(const FieldSpec& f) {
    QString text = QString::fromStdString(f.label);
    if (f.flag && *f.flag->units) text += QStringLiteral(" [") + QString::fromUtf8(f.flag->units) + ']';
    return text;
}

}  // namespace

ParameterPanel::ParameterPanel(QWidget* parent) : QWidget(parent) {
    setAcceptDrops(true);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    auto* tabs = new QTabWidget(this);
    tabs->setDocumentMode(true);
    layout->addWidget(tabs);
    status_ = new QLabel(this);
    status_->setWordWrap(true);
    status_->setStyleSheet(QStringLiteral("color: #b00020;"));
    status_->hide();
    layout->addWidget(status_);

    widgets_.resize(std::size_t(form_.fieldCount()));
    for (const std::string& group : parameterGroups()) {
        auto* scroll = new QScrollArea(tabs);
        scroll->setWidgetResizable(true);
        auto* page = new QWidget(scroll);
        auto* formLayout = new QFormLayout(page);
        formLayout->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
        formLayout->setLabelAlignment(Qt::AlignRight);
        for (int i = 0; i < form_.fieldCount(); ++i) {
            if (form_.field(i).group != group) continue;
            auto* label = new QLabel(labelText(form_.field(i)), page);
            label->setToolTip(QString::fromStdString(form_.field(i).tooltip()));
            formLayout->addRow(label, buildField(i, page));
        }
        scroll->setWidget(page);
        tabs->addTab(scroll, QString::fromStdString(group));
    }
}

QWidget* ParameterPanel::buildField(int index, QWidget* page) {
    const FieldSpec& f = form_.field(index);
    auto* box = new QWidget(page);
    auto* column = new QVBoxLayout(box);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(1);
    FieldWidgets& w = widgets_[std::size_t(index)];
    const QString tip = QString::fromStdString(f.tooltip());
    switch (f.kind) {
        case FieldKind::Switch: {
            auto* check = new QCheckBox(box);
            connect(check, &QCheckBox::toggled, this,
                    [this, index](bool on) { fieldEdited(index, on ? "on" : ""); });
            w.editor = check;
            column->addWidget(check);
            break;
        }
        case FieldKind::Choice: {
            auto* combo = new QComboBox(box);
            for (const std::string& option : f.optionLabels) combo->addItem(QString::fromStdString(option));
            connect(combo, &QComboBox::currentIndexChanged, this,
                    [this, index](int option) { fieldEdited(index, std::to_string(option)); });
            w.editor = combo;
            column->addWidget(combo);
            break;
        }
        case FieldKind::File:
        case FieldKind::Values: {
            auto* row = new QHBoxLayout;
            auto* edit = new QLineEdit(box);
            edit->setPlaceholderText(QString::fromUtf8(f.flag->values));
            edit->setClearButtonEnabled(true);
            connect(edit, &QLineEdit::textEdited, this,
                    [this, index](const QString& text) { fieldEdited(index, text.toStdString()); });
            connect(edit, &QLineEdit::editingFinished, this, [this] { commit(true); });
            row->addWidget(edit);
            if (f.kind == FieldKind::File) {
                auto* browse = new QToolButton(box);
                browse->setText(QStringLiteral("…"));
                browse->setToolTip(tr("Choose a file"));
                connect(browse, &QToolButton::clicked, this, [this, index, edit] {
                    const QString path =
                        QFileDialog::getOpenFileName(this, tr("Choose a file"), edit->text());
                    if (path.isEmpty()) return;
                    edit->setText(path);
                    fieldEdited(index, path.toStdString());
                });
                row->addWidget(browse);
            }
            w.editor = edit;
            column->addLayout(row);
            break;
        }
    }
    w.editor->setToolTip(tip);
    w.editor->setObjectName(QString::fromStdString(f.key));
    w.message = new QLabel(box);
    w.message->setWordWrap(true);
    w.message->setStyleSheet(QStringLiteral("color: #b00020; font-size: small;"));
    w.message->hide();
    column->addWidget(w.message);
    return box;
}

void ParameterPanel::fieldEdited(int index, const std::string& value) {
    form_.setValue(index, value);
    const auto problem = form_.fieldError(index);
    showFieldMessage(index, problem ? QString::fromStdString(*problem) : QString());
    commit(false);
}

void ParameterPanel::commit(bool normalise) {
    const FormResult result = form_.evaluate();
    if (!result.params) {
        if (result.errorField >= 0) showFieldMessage(result.errorField, QString::fromStdString(result.error));
        status_->setText(tr("Not rendered: %1").arg(QString::fromStdString(result.error)));
        status_->show();
        return;
    }
    clearProblem();
    if (normalise) {
        // Rewrite the form from the parsed set (e.g. -N 5 then -Na 3 shows Na 3, Nb 5, Nc 5).
        form_.setParams(*result.params);
        refreshEditors();
    }
    if (lastEmitted_ && *lastEmitted_ == *result.params) return;
    lastEmitted_ = result.params;
    emit paramsChanged(*result.params);
}

void ParameterPanel::setParams(const Params& params) {
    form_.setParams(params);
    lastEmitted_ = params;
    refreshEditors();
    clearProblem();
    for (int i = 0; i < form_.fieldCount(); ++i) showFieldMessage(i, {});
}

void ParameterPanel::refreshEditors() {
    for (int i = 0; i < form_.fieldCount(); ++i) {
        QWidget* editor = widgets_[std::size_t(i)].editor;
        const QSignalBlocker block(editor);
        const QString value = QString::fromStdString(form_.value(i));
        if (auto* edit = qobject_cast<QLineEdit*>(editor)) {
            if (edit->text() != value) edit->setText(value);
        } else if (auto* check = qobject_cast<QCheckBox*>(editor)) {
            check->setChecked(!value.isEmpty());
        } else if (auto* combo = qobject_cast<QComboBox*>(editor)) {
            combo->setCurrentIndex(value.toInt());
        }
    }
}

void ParameterPanel::showFieldMessage(int index, const QString& message) {
    QLabel* label = widgets_[std::size_t(index)].message;
    label->setText(message);
    label->setVisible(!message.isEmpty());
    widgets_[std::size_t(index)].editor->setStyleSheet(
        message.isEmpty() ? QString() : QStringLiteral("border: 1px solid #b00020;"));
}

void ParameterPanel::showProblem(const QString& message) {
    problemField_ = form_.fieldForMessage(message.toStdString());
    if (problemField_ >= 0) showFieldMessage(problemField_, message);
    status_->setText(tr("Not rendered: %1").arg(message));
    status_->show();
}

void ParameterPanel::clearProblem() {
    status_->hide();
    for (int i = 0; i < form_.fieldCount(); ++i)
        if (!form_.fieldError(i)) showFieldMessage(i, {});
    problemField_ = -1;
}

void ParameterPanel::editField(const std::string& key, const QString& value) {
    const int index = form_.indexOf(key);
    if (index < 0) return;
    form_.setValue(index, value.toStdString());
    refreshEditors();
    fieldEdited(index, value.toStdString());
}

QString ParameterPanel::fieldMessage(const std::string& key) const {
    const int index = form_.indexOf(key);
    return index < 0 ? QString() : widgets_[std::size_t(index)].message->text();
}

QString ParameterPanel::statusMessage() const { return status_->isHidden() ? QString() : status_->text(); }

QWidget* ParameterPanel::editor(const std::string& key) const {
    const int index = form_.indexOf(key);
    return index < 0 ? nullptr : widgets_[std::size_t(index)].editor;
}

void ParameterPanel::dragEnterEvent(QDragEnterEvent* event) {
    if (event->mimeData()->hasUrls()) event->acceptProposedAction();
}

void ParameterPanel::dropEvent(QDropEvent* event) {
    for (const QUrl& url : event->mimeData()->urls()) {
        const std::string path = url.toLocalFile().toStdString();
        const int index = form_.fieldForDroppedFile(path);
        if (index < 0) {
            status_->setText(tr("Cannot tell what %1 is: use the browse buttons").arg(url.fileName()));
            status_->show();
            continue;
        }
        editField(form_.field(index).key, QString::fromStdString(path));
    }
    event->acceptProposedAction();
}

}  // namespace bragg::ui
