#pragma once
// Where the reference and the candidate come from: a built-in engine, an external
// nanoBragg-compatible executable (reference only; its path is remembered in the settings) or a
// stored image file (raw float of the detector's size, or SMV) for visual regression. An engine
// side has a physics mode: nanoBragg-compatible (default), corrected, or single fixes (a menu).
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
        QToolButton* physics = nullptr;  // engines only: its menu picks the physics fixes
        PhysicsFixes fixes;
        std::vector<ImageSourceSpec> choices;  // one per combo entry (path filled from the edit)
    };
    void buildPhysicsMenu(Row& row);
    void updatePhysics(Row& row);
    void buildRow(Row& row, const QString& title, std::vector<ImageSourceSpec> choices);
    ImageSourceSpec spec(const Row& row) const;
    void setSpec(Row& row, const ImageSourceSpec& spec);
    void updateRow(Row& row);
    void changed();

    Row reference_, candidate_;
};

}  // namespace bragg::ui
