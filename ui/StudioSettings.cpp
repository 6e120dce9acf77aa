#include "StudioSettings.h"

#include <QDir>
#include <QSettings>

#include <algorithm>

namespace bragg::ui {

namespace {
constexpr int kMaxRecent = 8;
}

namespace {

// A most-recent-first list under `key`.
void remember(const char* key, const QString& entry) {
    if (entry.isEmpty()) return;
    QStringList list = QSettings().value(key).toStringList();
    list.removeAll(entry);
    list.prepend(entry);
    while (list.size() > kMaxRecent) list.removeLast();
    QSettings().setValue(key, list);
}

}  // namespace

QStringList StudioSettings::recentFiles() const { return QSettings().value("recentFiles").toStringList(); }
void StudioSettings::addRecentFile(const QString& path) { remember("recentFiles", path); }

QStringList StudioSettings::programs() const {
    QStringList list = QSettings().value("programs").toStringList();
    // The single program that settings from before the list kept.
    const QString old = QSettings().value("externalProgram").toString();
    if (!old.isEmpty() && !list.contains(old)) list.append(old);
    return list;
}
void StudioSettings::rememberProgram(const QString& path) { remember("programs", path); }
QStringList StudioSettings::commands() const { return QSettings().value("commands").toStringList(); }
void StudioSettings::rememberCommand(const QString& command) { remember("commands", command); }

QByteArray StudioSettings::windowGeometry() const {
    return QSettings().value("window/geometry").toByteArray();
}
QByteArray StudioSettings::windowState() const { return QSettings().value("window/state").toByteArray(); }
void StudioSettings::setWindow(const QByteArray& geometry, const QByteArray& state) {
    QSettings s;
    s.setValue("window/geometry", geometry);
    s.setValue("window/state", state);
}

namespace {

const char* const kPanelKeys[kPanelCount] = {"display/panels/reference/", "display/panels/candidate/",
                                             "display/panels/difference/"};

// A colour scale under `prefix` ("display/" held the one shared scale before per-panel scales).
PanelScale readScale(const QSettings& s, const QString& prefix, const PanelScale& fallback) {
    PanelScale p = fallback;
    p.scale = ScaleKind(std::clamp(s.value(prefix + "scale", int(p.scale)).toInt(), 0, 2));
    p.clipPercent = s.value(prefix + "clipPercent", p.clipPercent).toDouble();
    p.scheme = ColorScheme(std::clamp(s.value(prefix + "scheme", int(p.scheme)).toInt(), 0, 3));
    return p;
}

}  // namespace

DisplayOptions StudioSettings::displayOptions() const {
    const QSettings s;
    DisplayOptions o;
    const PanelScale shared = readScale(s, QStringLiteral("display/"), PanelScale{});
    for (std::size_t i = 0; i < o.panels.size(); ++i)
        o.panels[i] = readScale(s, QLatin1String(kPanelKeys[i]), shared);
    o.linkScales = s.value("display/linkScales", o.linkScales).toBool();
    o.difference = DifferenceKind(std::clamp(s.value("display/difference", int(o.difference)).toInt(), 0, 2));
    o.showBeamCentre = s.value("display/beamCentre", o.showBeamCentre).toBool();
    o.showRings = s.value("display/rings", o.showRings).toBool();
    o.showRoi = s.value("display/roi", o.showRoi).toBool();
    o.showRegions = s.value("display/regions", o.showRegions).toBool();
    o.blinkIntervalMs =
        std::clamp(s.value("display/blinkMs", o.blinkIntervalMs).toInt(), kBlinkMinMs, kBlinkMaxMs);
    if (s.contains("display/ringSpacings")) {
        o.ringSpacingsA.clear();
        for (const QVariant& v : s.value("display/ringSpacings").toList())
            o.ringSpacingsA.push_back(v.toDouble());
    }
    return o;
}

void StudioSettings::setDisplayOptions(const DisplayOptions& o) {
    QSettings s;
    for (const char* key : {"display/scale", "display/clipPercent", "display/scheme"}) s.remove(key);
    for (std::size_t i = 0; i < o.panels.size(); ++i) {
        const QString prefix = QLatin1String(kPanelKeys[i]);
        s.setValue(prefix + "scale", int(o.panels[i].scale));
        s.setValue(prefix + "clipPercent", o.panels[i].clipPercent);
        s.setValue(prefix + "scheme", int(o.panels[i].scheme));
    }
    s.setValue("display/linkScales", o.linkScales);
    s.setValue("display/difference", int(o.difference));
    s.setValue("display/beamCentre", o.showBeamCentre);
    s.setValue("display/rings", o.showRings);
    s.setValue("display/roi", o.showRoi);
    s.setValue("display/regions", o.showRegions);
    s.setValue("display/blinkMs", o.blinkIntervalMs);
    QVariantList spacings;
    for (double d : o.ringSpacingsA) spacings << d;
    s.setValue("display/ringSpacings", spacings);
}

QString StudioSettings::exportFolder() const {
    return QSettings().value("exportFolder", QDir::homePath()).toString();
}
void StudioSettings::setExportFolder(const QString& folder) { QSettings().setValue("exportFolder", folder); }

}  // namespace bragg::ui
