#pragma once
// Where the reference and the candidate come from, each: a built-in engine, a nanoBragg-compatible
// program (the flags verbatim), a command template for a program whose interface differs
// ("python3 port.py {flags} --out {npyfile}"), or a stored image file for visual regression.
// Programs and commands are remembered (StudioSettings) and offered by name from a list. An
// engine side has a physics mode: nanoBragg-compatible (default), corrected, or single fixes.
#include <QWidget>

#include "RenderTypes.h"

class QComboBox;
class QLineEdit;
class QMenu;
class QToolButton;

namespace bragg::ui {

class SourcesPanel : public QWidget {
    Q_OBJECT
public:
    explicit SourcesPanel(QWidget* parent = nullptr);
    SourceSettings sources() const;
    void setSources(const SourceSettings& sources);

signals:
    void sourcesChanged(const bragg::ui::SourceSettings& sources);

private:
    struct Row {
        QComboBox* kind = nullptr;
        QLineEdit* path = nullptr;
        QToolButton* browse = nullptr;
        QToolButton* recent = nullptr;   // programs and commands: the remembered ones, by name
        QToolButton* physics = nullptr;  // engines only: its menu picks the physics fixes
        PhysicsFixes fixes;
        std::vector<ImageSourceSpec> choices;  // one per combo entry (path filled from the edit)
    };
    void buildPhysicsMenu(Row& row);
    void fillRecent(Row& row);
    void updatePhysics(Row& row);
    void buildRow(Row& row, const QString& title, std::vector<ImageSourceSpec> choices);
    ImageSourceSpec spec(const Row& row) const;
    void setSpec(Row& row, const ImageSourceSpec& spec);
    void updateRow(Row& row);
    void changed();

    Row reference_, candidate_;
};

}  // namespace bragg::ui
