#include "Session.h"

#include <QFile>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "DisplayOptionsJson.h"
#include "core/Error.h"
#include "io/AtomicFile.h"
#include "params/FlagParser.h"
#include "params/PhysicsMode.h"

namespace bragg::ui {

namespace {

constexpr const char* kSchema = "bragg-studio-session/1";

QJsonObject toJson(const ImageSourceSpec& s) {
    static const char* kinds[] = {"engine", "program", "command", "file"};  // SourceKind order
    return {{"kind", kinds[int(s.kind)]},
            {"engine", QString::fromStdString(s.engine)},
            {"path", QString::fromStdString(s.path)},
            {"command", QString::fromStdString(s.command)},
            {"physics", QString::fromStdString(physicsModeName(s.fixes))}};
}

ImageSourceSpec sourceFromJson(const QJsonObject& o, const ImageSourceSpec& fallback) {
    if (o.isEmpty()) return fallback;
    ImageSourceSpec s;
    const QString kind = o.value("kind").toString();
    s.kind = kind == "program"   ? SourceKind::Program
             : kind == "command" ? SourceKind::Command
             : kind == "file"    ? SourceKind::File
                                 : SourceKind::Engine;
    s.engine = o.value("engine").toString(QString::fromStdString(fallback.engine)).toStdString();
    s.path = o.value("path").toString().toStdString();
    s.command = o.value("command").toString().toStdString();
    // Sessions before the physics mode have none: nanoBragg-compatible.
    try {
        s.fixes = parsePhysicsMode(o.value("physics").toString(QStringLiteral("nanobragg")).toStdString(),
                                   "sources: physics");
    } catch (const Error& e) {
        throw inputError(std::string("session: ") + e.what());
    }
    return s;
}

}  // namespace

QByteArray sessionToJson(const Session& s) {
    QJsonArray flags;
    for (const std::string& f : toNanoBraggFlags(s.params)) flags.append(QString::fromStdString(f));
    const QJsonObject root{{"schema", kSchema},
                           {"flags", flags},
                           {"sources", QJsonObject{{"reference", toJson(s.sources.reference)},
                                                   {"candidate", toJson(s.sources.candidate)}}},
                           {"thresholds", QJsonObject{{"pearson_min", s.thresholds.pearsonMin},
                                                      {"sum_ratio_tol", s.thresholds.sumRatioTol},
                                                      {"max_abs_diff_rel", s.thresholds.maxAbsDiffRel},
                                                      {"peak_distance_max", s.thresholds.peakDistanceMax},
                                                      {"atol", s.thresholds.atol},
                                                      {"rtol", s.thresholds.rtol}}},
                           {"display", displayOptionsToJson(s.display)}};
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

Session sessionFromJson(const QByteArray& json) {
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (doc.isNull()) throw inputError("session: not JSON (" + error.errorString().toStdString() + ")");
    const QJsonObject root = doc.object();
    if (root.value("schema").toString() != kSchema)
        throw inputError("session: unknown schema '" + root.value("schema").toString().toStdString() + "'");
    Session s;
    std::vector<std::string> flags;
    for (const QJsonValue& v : root.value("flags").toArray()) flags.push_back(v.toString().toStdString());
    try {
        s.params = parseNanoBraggFlags(flags).params;
    } catch (const Error& e) {
        throw inputError(std::string("session: ") + e.what());
    }
    const QJsonObject sources = root.value("sources").toObject();
    s.sources.reference = sourceFromJson(sources.value("reference").toObject(), s.sources.reference);
    s.sources.candidate = sourceFromJson(sources.value("candidate").toObject(), s.sources.candidate);
    const QJsonObject t = root.value("thresholds").toObject();
    s.thresholds.pearsonMin = t.value("pearson_min").toDouble(s.thresholds.pearsonMin);
    s.thresholds.sumRatioTol = t.value("sum_ratio_tol").toDouble(s.thresholds.sumRatioTol);
    s.thresholds.maxAbsDiffRel = t.value("max_abs_diff_rel").toDouble(s.thresholds.maxAbsDiffRel);
    s.thresholds.peakDistanceMax = t.value("peak_distance_max").toDouble(s.thresholds.peakDistanceMax);
    s.thresholds.atol = t.value("atol").toDouble(s.thresholds.atol);
    s.thresholds.rtol = t.value("rtol").toDouble(s.thresholds.rtol);
    s.display = displayOptionsFromJson(root.value("display").toObject());
    return s;
}

void saveSession(const QString& path, const Session& session) {
    const QByteArray bytes = sessionToJson(session);
    io::writeFileAtomically(path.toStdString(),
                            std::string_view(bytes.constData(), std::size_t(bytes.size())));
}

Session loadSession(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) throw inputError(path.toStdString() + ": cannot read");
    return sessionFromJson(f.readAll());
}

}  // namespace bragg::ui
