#include "DisplayOptionsJson.h"

#include <QJsonArray>

#include <algorithm>

namespace bragg::ui {

namespace {

constexpr const char* kPanelNames[kPanelCount] = {"reference", "candidate", "difference"};

QJsonObject toJson(const PanelScale& s) {
    return {{"scale", int(s.scale)},
            {"clip_percent", s.clipPercent},
            {"scheme", int(s.scheme)},
            {"lock_scale", s.lock}};
}

PanelScale scaleFromJson(const QJsonObject& o, const PanelScale& fallback) {
    PanelScale s;
    s.scale = ScaleKind(std::clamp(o.value("scale").toInt(int(fallback.scale)), 0, 2));
    s.clipPercent = o.value("clip_percent").toDouble(fallback.clipPercent);
    s.scheme = ColorScheme(std::clamp(o.value("scheme").toInt(int(fallback.scheme)), 0, 3));
    s.lock = o.value("lock_scale").toBool(fallback.lock);
    return s;
}

}  // namespace

QJsonObject displayOptionsToJson(const DisplayOptions& d) {
    QJsonObject panels;
    for (std::size_t i = 0; i < d.panels.size(); ++i) panels.insert(kPanelNames[i], toJson(d.panels[i]));
    QJsonArray rings;
    for (double spacing : d.ringSpacingsA) rings.append(spacing);
    return {{"panels", panels},
            {"link_scales", d.linkScales},
            {"difference", int(d.difference)},
            {"beam_centre", d.showBeamCentre},
            {"rings", d.showRings},
            {"ring_spacings", rings},
            {"roi", d.showRoi},
            {"regions", d.showRegions},
            {"blink_ms", d.blinkIntervalMs}};
}

DisplayOptions displayOptionsFromJson(const QJsonObject& d) {
    DisplayOptions o;
    // An old session's shared scale (top-level keys) is every panel's starting point.
    const PanelScale shared = scaleFromJson(d, PanelScale{});
    const QJsonObject panels = d.value("panels").toObject();
    for (std::size_t i = 0; i < o.panels.size(); ++i)
        o.panels[i] = scaleFromJson(panels.value(kPanelNames[i]).toObject(), shared);
    o.linkScales = d.value("link_scales").toBool(o.linkScales);
    o.difference = DifferenceKind(std::clamp(d.value("difference").toInt(int(o.difference)), 0, 2));
    o.showBeamCentre = d.value("beam_centre").toBool(o.showBeamCentre);
    o.showRings = d.value("rings").toBool(o.showRings);
    o.showRoi = d.value("roi").toBool(o.showRoi);
    o.showRegions = d.value("regions").toBool(o.showRegions);
    o.blinkIntervalMs = std::clamp(d.value("blink_ms").toInt(o.blinkIntervalMs), kBlinkMinMs, kBlinkMaxMs);
    if (d.contains("ring_spacings")) {
        o.ringSpacingsA.clear();
        for (const QJsonValue& v : d.value("ring_spacings").toArray())
            o.ringSpacingsA.push_back(v.toDouble());
    }
    return o;
}

}  // namespace bragg::ui
