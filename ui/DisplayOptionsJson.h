#pragma once
// DisplayOptions as the "display" object of a session file. Each panel's colour scale sits under
// "panels" ("reference", "candidate", "difference"); older sessions kept one shared scale at the
// top level ("scale", "clip_percent", "scheme", "lock_scale"), which then applies to every panel.
#include <QJsonObject>

#include "ImageStyle.h"

namespace bragg::ui {

QJsonObject displayOptionsToJson(const DisplayOptions& options);
DisplayOptions displayOptionsFromJson(const QJsonObject& json);  // missing keys keep the defaults

}  // namespace bragg::ui
