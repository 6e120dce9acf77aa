#include "SourcesPanel.h"

#include <QComboBox>
#include <QFileDialog>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QSignalBlocker>
#include <QToolButton>

#include "StudioSettings.h"
#include "params/PhysicsMode.h"
#include "render/Engine.h"

namespace bragg::ui {

namespace {

QString choiceText(const ImageSourceSpec& spec) {
    switch (spec.kind) {
        case SourceKind::Engine:
            return QString::fromStdString(spec.engine) + QObject::tr(" engine (built-in)");
        case SourceKind::External:
            return QObject::tr("external executable…");
        case SourceKind::File:
            return QObject::tr("image file (raw float / SMV)…");
    }
    return {};
}

}  // namespace

SourcesPanel::SourcesPanel(QWidget* parent) : QWidget(parent) {
    auto* grid = new QGridLayout(this);
    grid->setContentsMargins(4, 4, 4, 4);
    std::vector<ImageSourceSpec> engines;
    for (const std::string& name : engineNames()) engines.push_back({SourceKind::Engine, name, {}});

    std::vector<ImageSourceSpec> referenceChoices = {
        {SourceKind::Engine, "reference", {}}, {SourceKind::External, {}, {}}, {SourceKind::File, {}, {}}};
    std::vector<ImageSourceSpec> candidateChoices = engines;
    candidateChoices.push_back({SourceKind::File, {}, {}});
    buildRow(reference_, tr("Reference"), referenceChoices);
    buildRow(candidate_, tr("Candidate"), candidateChoices);
    int r = 0;
    for (Row* row : {&reference_, &candidate_}) {
        grid->addWidget(new QLabel(r == 0 ? tr("Reference") : tr("Candidate"), this), r, 0);
        grid->addWidget(row->kind, r, 1);
        grid->addWidget(row->path, r + 1, 1);
        grid->addWidget(row->browse, r + 1, 2);
        grid->addWidget(row->physics, r + 1, 1, 1, 2);  // shares the path's row: one of them is hidden
        r += 2;
    }
    grid->setColumnStretch(1, 1);
}

void SourcesPanel::buildRow(Row& row, const QString& title, std::vector<ImageSourceSpec> choices) {
    row.kind = new QComboBox(this);
    row.path = new QLineEdit(this);
    row.browse = new QToolButton(this);
    row.browse->setText(QStringLiteral("…"));
    row.choices = std::move(choices);
    for (const ImageSourceSpec& c : row.choices) row.kind->addItem(choiceText(c));
    row.path->setPlaceholderText(tr("path"));
    row.physics = new QToolButton(this);
    row.physics->setObjectName(title.toLower() + QStringLiteral("Physics"));
    buildPhysicsMenu(row);
    connect(row.kind, &QComboBox::currentIndexChanged, this, [this, &row] {
        updateRow(row);
        changed();
    });
    connect(row.path, &QLineEdit::editingFinished, this, &SourcesPanel::changed);
    connect(row.browse, &QToolButton::clicked, this, [this, &row, title] {
        const QString path = QFileDialog::getOpenFileName(this, title, row.path->text());
        if (path.isEmpty()) return;
        row.path->setText(path);
        changed();
    });
    updateRow(row);
}

void SourcesPanel::buildPhysicsMenu(Row& row) {
    row.physics->setPopupMode(QToolButton::InstantPopup);
    row.physics->setToolButtonStyle(Qt::ToolButtonTextOnly);
    row.physics->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    row.physics->setToolTip(tr("Physics mode: nanoBragg's documented quirks as they are, or corrected"));
    auto* menu = new QMenu(row.physics);
    menu->setToolTipsVisible(true);
    auto setAll = [this, &row](bool on) {
        for (const PhysicsFixInfo& info : physicsFixInfos()) row.fixes.*info.flag = on;
        updatePhysics(row);
        changed();
    };
    QAction* compatible = menu->addAction(tr("nanoBragg-compatible"), this, [setAll] { setAll(false); });
    compatible->setObjectName(QStringLiteral("nanobragg"));
    compatible->setToolTip(tr("Every quirk as in nanoBragg (bit-compatible)"));
    QAction* corrected = menu->addAction(tr("corrected"), this, [setAll] { setAll(true); });
    corrected->setObjectName(QStringLiteral("corrected"));
    corrected->setToolTip(tr("Every documented quirk corrected"));
    menu->addSection(tr("Single fixes"));
    for (const PhysicsFixInfo& info : physicsFixInfos()) {
        QAction* fix = menu->addAction(QString::fromLatin1(info.name));
        fix->setObjectName(QString::fromLatin1(info.name));
        fix->setToolTip(QString::fromUtf8(info.summary));
        fix->setCheckable(true);
        connect(fix, &QAction::triggered, this, [this, &row, flag = info.flag](bool on) {
            row.fixes.*flag = on;
            updatePhysics(row);
            changed();
        });
    }
    for (QAction* a : {compatible, corrected}) a->setCheckable(true);
    row.physics->setMenu(menu);
    updatePhysics(row);
}

void SourcesPanel::updatePhysics(Row& row) {
    bool all = true;
    for (QAction* a : row.physics->menu()->actions()) {
        for (const PhysicsFixInfo& info : physicsFixInfos())
            if (a->objectName() == QLatin1String(info.name)) {
                a->setChecked(row.fixes.*info.flag);
                all = all && row.fixes.*info.flag;
            }
    }
    for (QAction* a : row.physics->menu()->actions()) {
        if (a->objectName() == QLatin1String("nanobragg")) a->setChecked(!row.fixes.any());
        if (a->objectName() == QLatin1String("corrected")) a->setChecked(all);
    }
    row.physics->setText(tr("physics: %1").arg(QString::fromStdString(physicsLabel(row.fixes))));
}

void SourcesPanel::updateRow(Row& row) {
    const SourceKind kind = spec(row).kind;
    const bool needsPath = kind != SourceKind::Engine;
    // The external program is remembered between runs.
    if (kind == SourceKind::External && row.path->text().isEmpty())
        row.path->setText(StudioSettings().externalProgram());
    row.path->setVisible(needsPath);
    row.browse->setVisible(needsPath);
    row.physics->setVisible(!needsPath);  // only an engine's physics can be chosen
}

ImageSourceSpec SourcesPanel::spec(const Row& row) const {
    ImageSourceSpec s = row.choices.at(std::size_t(std::max(0, row.kind->currentIndex())));
    if (s.kind != SourceKind::Engine) s.path = row.path->text().toStdString();
    if (s.kind == SourceKind::Engine) s.fixes = row.fixes;
    return s;
}

void SourcesPanel::setSpec(Row& row, const ImageSourceSpec& s) {
    const QSignalBlocker block(row.kind);
    for (std::size_t i = 0; i < row.choices.size(); ++i) {
        const ImageSourceSpec& c = row.choices[i];
        if (c.kind == s.kind && (s.kind != SourceKind::Engine || c.engine == s.engine))
            row.kind->setCurrentIndex(int(i));
    }
    row.path->setText(QString::fromStdString(s.path));
    row.fixes = s.fixes;
    updatePhysics(row);
    updateRow(row);
}

SourceSettings SourcesPanel::sources() const { return {spec(reference_), spec(candidate_)}; }

void SourcesPanel::setSources(const SourceSettings& sources) {
    setSpec(reference_, sources.reference);
    setSpec(candidate_, sources.candidate);
}

void SourcesPanel::changed() {
    const SourceSettings s = sources();
    // A file or executable source without a path is not a complete choice yet.
    for (const ImageSourceSpec* spec : {&s.reference, &s.candidate})
        if (spec->kind != SourceKind::Engine && spec->path.empty()) return;
    emit sourcesChanged(s);
}

}  // namespace bragg::ui
