#include "SourcesPanel.h"

#include <QComboBox>
#include <QFileDialog>
#include <QGridLayout>
#include <QHBoxLayout>
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
        case SourceKind::Program:
            return QObject::tr("program (nanoBragg flags)…");
        case SourceKind::Command:
            return QObject::tr("command template…");
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
    for (const std::string& name : sideEngineNames()) engines.push_back(ImageSourceSpec::engineSide(name));

    // Either side can be any engine, a program, a command or a file.
    std::vector<ImageSourceSpec> choices = engines;
    for (const SourceKind kind : {SourceKind::Program, SourceKind::Command, SourceKind::File}) {
        ImageSourceSpec s;
        s.kind = kind;
        choices.push_back(s);
    }
    buildRow(reference_, tr("Reference"), choices);
    buildRow(candidate_, tr("Candidate"), choices);
    int r = 0;
    for (Row* row : {&reference_, &candidate_}) {
        grid->addWidget(new QLabel(r == 0 ? tr("Reference") : tr("Candidate"), this), r, 0);
        grid->addWidget(row->kind, r, 1);
        grid->addWidget(row->path, r + 1, 1);
        auto* buttons = new QHBoxLayout;
        buttons->setSpacing(0);
        buttons->addWidget(row->recent);
        buttons->addWidget(row->browse);
        grid->addLayout(buttons, r + 1, 2);
        grid->addWidget(row->physics, r + 1, 1, 1, 2);  // shares the path's row: one of them is hidden
        r += 2;
    }
    grid->setColumnStretch(1, 1);
}

void SourcesPanel::buildRow(Row& row, const QString& title, std::vector<ImageSourceSpec> choices) {
    row.kind = new QComboBox(this);
    row.kind->setObjectName(title.toLower() + QStringLiteral("Kind"));
    row.path = new QLineEdit(this);
    row.path->setObjectName(title.toLower() + QStringLiteral("Path"));
    row.browse = new QToolButton(this);
    row.browse->setText(QStringLiteral("…"));
    row.browse->setToolTip(tr("Choose a file"));
    row.recent = new QToolButton(this);
    row.recent->setObjectName(title.toLower() + QStringLiteral("Recent"));
    row.recent->setText(tr("recent"));
    row.recent->setToolTip(tr("Programs and commands used before"));
    row.recent->setPopupMode(QToolButton::InstantPopup);
    row.recent->setMenu(new QMenu(row.recent));
    connect(row.recent->menu(), &QMenu::aboutToShow, this, [this, &row] { fillRecent(row); });
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

void SourcesPanel::fillRecent(Row& row) {
    QMenu* menu = row.recent->menu();
    menu->clear();
    const bool command = spec(row).kind == SourceKind::Command;
    const StudioSettings settings;
    for (const QString& entry : command ? settings.commands() : settings.programs()) {
        // Each by its name (what the panels' titles call it), the whole path or command as tip.
        ImageSourceSpec s;
        s.kind = command ? SourceKind::Command : SourceKind::Program;
        (command ? s.command : s.path) = entry.toStdString();
        QAction* a = menu->addAction(QString::fromStdString(s.label()), this, [this, &row, entry] {
            row.path->setText(entry);
            changed();
        });
        a->setToolTip(entry);
    }
    menu->setToolTipsVisible(true);
    if (menu->isEmpty()) menu->addAction(tr("(none yet)"))->setEnabled(false);
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
    const bool process = kind == SourceKind::Program || kind == SourceKind::Command;
    // The last program or command is offered again.
    if (process && row.path->text().isEmpty()) {
        const QStringList remembered =
            kind == SourceKind::Program ? StudioSettings().programs() : StudioSettings().commands();
        if (!remembered.isEmpty()) row.path->setText(remembered.front());
    }
    row.path->setPlaceholderText(kind == SourceKind::Command   ? tr("python3 port.py {flags} --out {npyfile}")
                                 : kind == SourceKind::Program ? tr("nanoBragg-compatible executable")
                                                               : tr("image file"));
    row.path->setToolTip(kind == SourceKind::Command
                             ? tr("{flags}: the nanoBragg flags; the output as {floatfile} (raw float32), "
                                  "{smvfile} or {npyfile}; also {workdir}, {fpixels}, {spixels}")
                             : QString());
    row.path->setVisible(needsPath);
    row.browse->setVisible(needsPath && kind != SourceKind::Command);
    row.recent->setVisible(process);
    row.physics->setVisible(!needsPath);  // only an engine's physics can be chosen
}

ImageSourceSpec SourcesPanel::spec(const Row& row) const {
    ImageSourceSpec s = row.choices.at(std::size_t(std::max(0, row.kind->currentIndex())));
    if (s.kind == SourceKind::Command)
        s.command = row.path->text().toStdString();
    else if (s.kind != SourceKind::Engine)
        s.path = row.path->text().toStdString();
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
    row.path->setText(QString::fromStdString(s.kind == SourceKind::Command ? s.command : s.path));
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
    // A file, program or command side without one is not a complete choice yet.
    for (const ImageSourceSpec* spec : {&s.reference, &s.candidate})
        if (spec->kind != SourceKind::Engine && spec->path.empty() && spec->command.empty()) return;
    emit sourcesChanged(s);
}

}  // namespace bragg::ui
