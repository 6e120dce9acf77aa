#include "StudioSettings.h"

#include <QDir>
#include <QSettings>

namespace bragg::ui {

namespace {
constexpr int kMaxRecent = 8;
}

QStringList StudioSettings::recentFiles() const { return QSettings().value("recentFiles").toStringList(); }

void StudioSettings::addRecentFile(const QString& path) {
    QStringList files = recentFiles();
    files.removeAll(path);
    files.prepend(path);
    while (files.size() > kMaxRecent) files.removeLast();
    QSettings().setValue("recentFiles", files);
}

QString StudioSettings::externalProgram() const { return QSettings().value("externalProgram").toString(); }
void StudioSettings::setExternalProgram(const QString& path) {
    QSettings().setValue("externalProgram", path);
}

QByteArray StudioSettings::windowGeometry() const {
    return QSettings().value("window/geometry").toByteArray();
}
QByteArray StudioSettings::windowState() const { return QSettings().value("window/state").toByteArray(); }
void StudioSettings::setWindow(const QByteArray& geometry, const QByteArray& state) {
    QSettings s;
    s.setValue("window/geometry", geometry);
    s.setValue("window/state", state);
}

QString StudioSettings::exportFolder() const {
    return QSettings().value("exportFolder", QDir::homePath()).toString();
}
void StudioSettings::setExportFolder(const QString& folder) { QSettings().setValue("exportFolder", folder); }

}  // namespace bragg::ui
