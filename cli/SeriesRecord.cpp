#include "SeriesRecord.h"

#include <zlib.h>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <optional>

#include "core/Error.h"
#include "io/AtomicFile.h"
#include "io/Nexus.h"
#include "report/CompareSummary.h"

namespace bragg::cli {
namespace {

struct FileSum {
    std::uintmax_t bytes = 0;
    std::string crc32;  // 8 hex digits
};

std::string hexOf(uLong crc) {
    char hex[16];
    std::snprintf(hex, sizeof hex, "%08lx", static_cast<unsigned long>(crc));
    return hex;
}

// Size and CRC-32 (zlib's, as `crc32` and Python's zlib.crc32 compute it); nullopt if unreadable.
std::optional<FileSum> fileSum(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    uLong crc = crc32(0L, Z_NULL, 0);
    std::vector<char> buffer(1 << 20);
    FileSum sum;
    while (in) {
        in.read(buffer.data(), std::streamsize(buffer.size()));
        const std::streamsize n = in.gcount();
        crc = crc32(crc, reinterpret_cast<const Bytef*>(buffer.data()), uInt(n));
        sum.bytes += std::uintmax_t(n);
    }
    if (in.bad()) return std::nullopt;
    sum.crc32 = hexOf(crc);
    return sum;
}

nlohmann::ordered_json fileEntry(const std::string& path, const std::optional<FileSum>& sum) {
    return {{"path", path}, {"bytes", sum ? sum->bytes : 0}, {"crc32", sum ? sum->crc32 : ""}};
}

bool matches(const std::optional<FileSum>& sum, const nlohmann::ordered_json& entry) {
    return sum && sum->bytes == entry.at("bytes").get<std::uintmax_t>() &&
           sum->crc32 == entry.at("crc32").get<std::string>();
}

std::string utcNow() {
    const std::time_t now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return text;
}

}  // namespace

fs::path recordPath(const fs::path& dir, int index) {
    char name[32];
    std::snprintf(name, sizeof name, "frame_%06d.json", index);
    return dir / ".series" / name;
}

std::string crc32Hex(const void* bytes, std::size_t size) {
    uLong crc = crc32(0L, Z_NULL, 0);
    const auto* p = static_cast<const Bytef*>(bytes);
    for (std::size_t done = 0; done < size;) {  // zlib takes at most 4 GB a call
        const std::size_t n = std::min<std::size_t>(size - done, 1u << 30);
        crc = crc32(crc, p + done, uInt(n));
        done += n;
    }
    return hexOf(crc);
}

nlohmann::ordered_json frameRecord(const fs::path& dir, const FramePlan& plan,
                                   const std::vector<std::string>& files,
                                   const std::vector<SeriesFileFrame>& seriesFrames, double seconds) {
    nlohmann::ordered_json r;
    r["frame"] = plan.index;
    r["flags"] = plan.flags;
    r["seed"] = plan.seed;
    if (plan.phiDeg) r["phi_deg"] = *plan.phiDeg;
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const std::string& f : files) list.push_back(fileEntry(f, fileSum(dir / f)));
    r["files"] = list;
    if (!seriesFrames.empty()) {
        nlohmann::ordered_json entries = nlohmann::ordered_json::array();
        for (const SeriesFileFrame& f : seriesFrames) {
            // The staged file is the frame's float32 pixels, so its sum is theirs.
            nlohmann::ordered_json e = fileEntry(f.path, fileSum(dir / f.staged));
            e["frame"] = plan.index;
            e["staged"] = f.staged;
            entries.push_back(e);
        }
        r["series_files"] = entries;
    }
    r["seconds"] = seconds;
    r["finished"] = utcNow();
    return r;
}

FrameDataAt locateFrameData(const fs::path& dir, const fs::path& publishedDir,
                            const nlohmann::ordered_json& entry, std::string* problem) {
    const fs::path staged = dir / entry.at("staged").get<std::string>();
    if (matches(fileSum(staged), entry)) return FrameDataAt::Staged;
    const fs::path published = publishedDir / entry.at("path").get<std::string>();
    const int frame = entry.at("frame").get<int>();
    std::string why = published.string() + ": frame " + std::to_string(frame) + " is neither staged (" +
                      staged.string() + ") nor in the file";
    if (fs::exists(published)) {
        try {
            const Image image = io::readNexusFrame(published.string(), "/entry/data/data", frame).image;
            const std::size_t bytes = image.pixels.size() * sizeof(float);
            if (bytes == entry.at("bytes").get<std::uintmax_t>() &&
                crc32Hex(image.pixels.data(), bytes) == entry.at("crc32").get<std::string>())
                return FrameDataAt::Published;
            why = published.string() + ": frame " + std::to_string(frame) +
                  " differs from its record (size or CRC-32 of its pixels)";
        } catch (const Error& e) {
            why = e.what();
        }
    }
    if (problem) *problem = why;
    return FrameDataAt::Nowhere;
}

std::string checkRecordFiles(const fs::path& dir, const nlohmann::ordered_json& record,
                             const fs::path& publishedDir) {
    for (const auto& f : record.at("files")) {
        const fs::path path = dir / f.at("path").get<std::string>();
        const auto sum = fileSum(path);
        if (!sum) return path.string() + ": missing";
        if (!matches(sum, f))
            return path.string() + ": changed since it was written (size or CRC-32 differs from its record)";
    }
    for (const auto& entry : record.value("series_files", nlohmann::ordered_json::array())) {
        std::string problem;
        if (locateFrameData(dir, publishedDir.empty() ? dir : publishedDir, entry, &problem) ==
            FrameDataAt::Nowhere)
            return problem;
    }
    return "";
}

nlohmann::ordered_json completeRecord(const fs::path& dir, const FramePlan& plan,
                                      const std::vector<std::string>& files,
                                      const std::vector<SeriesFileFrame>& seriesFrames) {
    const fs::path path = recordPath(dir, plan.index);
    if (!fs::exists(path)) return nullptr;
    try {
        nlohmann::ordered_json r = report::readJsonFile(path.string());
        std::vector<std::string> recorded;
        for (const auto& f : r.at("files")) recorded.push_back(f.at("path").get<std::string>());
        std::vector<std::string> recordedSeries, series;
        for (const auto& f : r.value("series_files", nlohmann::ordered_json::array()))
            recordedSeries.push_back(f.at("path").get<std::string>() + " " +
                                     f.at("staged").get<std::string>());
        for (const SeriesFileFrame& f : seriesFrames) series.push_back(f.path + " " + f.staged);
        if (r.at("flags").get<std::vector<std::string>>() != plan.flags || recorded != files ||
            recordedSeries != series)
            return nullptr;
        return checkRecordFiles(dir, r).empty() ? r : nullptr;
    } catch (const std::exception&) {
        return nullptr;  // an unreadable record: the frame is rendered again
    }
}

nlohmann::ordered_json manifestJson(const nlohmann::ordered_json& description,
                                    std::vector<nlohmann::ordered_json> records) {
    std::sort(records.begin(), records.end(),
              [](const auto& a, const auto& b) { return a.at("frame") < b.at("frame"); });
    nlohmann::ordered_json m;
    m["series"] = description;
    m["frames"] = records;
    return m;
}

std::string manifestName(const Shard& shard) {
    return shard.count == 1 ? "manifest.json" : "manifest.shard-" + shard.name() + ".json";
}

}  // namespace bragg::cli
