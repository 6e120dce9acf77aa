#pragma once
// A saved session: parameters (as nanoBragg flags), sources (an engine side with its physics mode,
// "physics": "nanobragg" | "corrected" | fix list; absent = nanobragg), thresholds and display
// options, as JSON ("bragg-studio-session/1"). Loading validates the flags with the same parser as the CLI.
#include <QString>

#include "ImageStyle.h"
#include "RenderTypes.h"

namespace bragg::ui {

struct Session {
    Params params;
    SourceSettings sources;
    Thresholds thresholds;
    DisplayOptions display;
};

QByteArray sessionToJson(const Session& session);
// Throws bragg::Error(Input) with a one-line message for malformed JSON or invalid flags.
Session sessionFromJson(const QByteArray& json);

void saveSession(const QString& path, const Session& session);  // Error(Input) on failure
Session loadSession(const QString& path);

}  // namespace bragg::ui
