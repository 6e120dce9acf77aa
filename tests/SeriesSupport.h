#pragma once
// What the `bragg series` tests share: a small fast frame, manifest reading, file bytes, CRC-32.
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>

#include <cstdint>

#include "TestSupport.h"

namespace seriessupport {

// 64² pixels, N = 3, one sample per pixel, two φ steps per frame: milliseconds per frame.
inline const QStringList kFrameFlags{"-cell", "100",
                                     "100",   "100",
                                     "90",    "90",
                                     "90",    "-default_F",
                                     "100",   "-distance",
                                     "100",   "-detpixels",
                                     "64",    "-N",
                                     "3",     "-oversample",
                                     "1",     "-phisteps",
                                     "2",     "-mosaic",
                                     "0.3",   "-mosaic_domains",
                                     "2",     "-seed",
                                     "5"};

// `bragg series <own> -- <kFrameFlags>`.
inline QStringList series(const QStringList& own) {
    return QStringList{"series"} + own + QStringList{"--"} + kFrameFlags;
}

inline QJsonObject readJson(const QString& path) {
    return QJsonDocument::fromJson(testsupport::readAll(path)).object();
}

// The manifest's frames without their run times (what must not depend on how the work ran).
inline QJsonArray framesWithoutTimes(const QJsonObject& manifest) {
    QJsonArray frames;
    for (const QJsonValue& v : manifest["frames"].toArray()) {
        QJsonObject o = v.toObject();
        o.remove("seconds");
        o.remove("finished");
        o.remove("render_seconds");
        frames.append(o);
    }
    return frames;
}

// Every frame file of a series folder (not the bookkeeping), by name.
inline QStringList frameFiles(const QString& dir) {
    return QDir(dir).entryList({"frame_*"}, QDir::Files, QDir::Name);
}

// The frame files of two folders are the same names with the same bytes.
inline bool sameFrames(const QString& a, const QString& b, QString* why) {
    if (frameFiles(a) != frameFiles(b) || frameFiles(a).isEmpty()) {
        *why = "file lists differ: " + frameFiles(a).join(",") + " vs " + frameFiles(b).join(",");
        return false;
    }
    for (const QString& f : frameFiles(a))
        if (testsupport::readAll(a + "/" + f) != testsupport::readAll(b + "/" + f)) {
            *why = f + " differs";
            return false;
        }
    return true;
}

// Why two series folders differ (empty if they do not): frame files byte for byte, the manifests'
// series and their frames but for run times.
inline QString seriesDifference(const QString& a, const QString& b) {
    QString why;
    if (!sameFrames(a, b, &why)) return why;
    const QJsonObject ma = readJson(a + "/manifest.json"), mb = readJson(b + "/manifest.json");
    if (ma["series"] != mb["series"]) return "the manifests' series differ";
    if (framesWithoutTimes(ma) != framesWithoutTimes(mb)) return "the manifests' frames differ";
    return {};
}

inline void writeFile(const QString& path, const QByteArray& bytes) {
    QFile f(path);
    f.open(QIODevice::WriteOnly);
    f.write(bytes);
}

inline QString crc32Hex(const QByteArray& bytes) {
    std::uint32_t crc = 0xFFFFFFFFu;
    for (const char c : bytes) {
        crc ^= std::uint8_t(c);
        for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
    }
    return QString("%1").arg(crc ^ 0xFFFFFFFFu, 8, 16, QChar('0'));
}

}  // namespace seriessupport
