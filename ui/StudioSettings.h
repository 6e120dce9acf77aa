#pragma once
// Typed access to the app's QSettings (no stray string keys elsewhere): recent sessions, the
// remembered programs and command templates of program sides, window geometry and state, the
// last export folder.
#include <QByteArray>
#include <QString>
#include <QStringList>

#include "ImageStyle.h"

namespace bragg::ui {

class StudioSettings {
public:
    QStringList recentFiles() const;
    void addRecentFile(const QString& path);  // most recent first, at most 8

    // Programs (executables) and command templates used as sides, most recent first, at most 8.
    QStringList programs() const;
    void rememberProgram(const QString& path);
    QStringList commands() const;
    void rememberCommand(const QString& command);

    QByteArray windowGeometry() const;
    QByteArray windowState() const;
    void setWindow(const QByteArray& geometry, const QByteArray& state);

    // Display preferences between runs: each panel's scale, clip and scheme (not its lock: a
    // locked range is not kept), the scale link, difference mode and overlays. Settings from
    // before per-panel scales give every panel the old shared scale.
    DisplayOptions displayOptions() const;
    void setDisplayOptions(const DisplayOptions& options);

    QString exportFolder() const;
    void setExportFolder(const QString& folder);
};

}  // namespace bragg::ui
