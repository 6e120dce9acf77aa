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
#include "io/Nexus.h"

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

// Every frame file of a series folder (not the bookkeeping, not the NeXus files), by name.
inline QStringList frameFiles(const QString& dir) {
    QStringList files = QDir(dir).entryList({"frame_*"}, QDir::Files, QDir::Name);
    files.removeIf([](const QString& f) { return f.endsWith(".h5"); });
    return files;
}

// Every frame of a series' NeXus file: its pixels and φ start (our reader; the file's start_time
// differs from run to run, so files are compared by their frames).
struct NexusFrames {
    int frames = 0;
    QList<QByteArray> pixels;
    QList<double> phiStartDeg;
    bool operator==(const NexusFrames&) const = default;
};
inline NexusFrames nexusFrames(const QString& path) {
    NexusFrames all;
    for (int i = 0; i == 0 || i < all.frames; ++i) {
        const bragg::io::NexusFrame f = bragg::io::readNexusFrame(path.toStdString(), "/entry/data/data", i);
        all.frames = f.frames;
        all.pixels.append(QByteArray(reinterpret_cast<const char*>(f.image.pixels.data()),
                                     qsizetype(f.image.pixels.size() * sizeof(float))));
        all.phiStartDeg.append(f.geometry ? f.geometry->phiStartDeg : qQNaN());
    }
    return all;
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

// Why two series folders differ (empty if they do not): frame files byte for byte, NeXus files
// frame by frame, the manifests' series and their frames but for run times.
inline QString seriesDifference(const QString& a, const QString& b) {
    QString why;
    if (!sameFrames(a, b, &why)) return why;
    const QStringList nexus = QDir(a).entryList({"*.h5"}, QDir::Files, QDir::Name);
    if (nexus != QDir(b).entryList({"*.h5"}, QDir::Files, QDir::Name))
        return "the NeXus files differ in name";
    for (const QString& f : nexus)
        if (!(nexusFrames(a + "/" + f) == nexusFrames(b + "/" + f))) return f + "'s frames differ";
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
