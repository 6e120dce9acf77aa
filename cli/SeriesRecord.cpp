#include "SeriesRecord.h"

#include <zlib.h>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <optional>

#include "io/AtomicFile.h"
#include "report/CompareSummary.h"

namespace bragg::cli {
namespace {

struct FileSum {
    std::uintmax_t bytes = 0;
    std::string crc32;  // 8 hex digits
};

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
    char hex[16];
    std::snprintf(hex, sizeof hex, "%08lx", static_cast<unsigned long>(crc));
    sum.crc32 = hex;
    return sum;
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

nlohmann::ordered_json frameRecord(const fs::path& dir, const FramePlan& plan,
                                   const std::vector<std::string>& files, double seconds) {
    nlohmann::ordered_json r;
    r["frame"] = plan.index;
    r["flags"] = plan.flags;
    r["seed"] = plan.seed;
    if (plan.phiDeg) r["phi_deg"] = *plan.phiDeg;
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const std::string& f : files) {
        const auto sum = fileSum(dir / f);
        list.push_back({{"path", f}, {"bytes", sum ? sum->bytes : 0}, {"crc32", sum ? sum->crc32 : ""}});
    }
    r["files"] = list;
    r["seconds"] = seconds;
    r["finished"] = utcNow();
    return r;
}

std::string checkRecordFiles(const fs::path& dir, const nlohmann::ordered_json& record) {
    for (const auto& f : record.at("files")) {
        const fs::path path = dir / f.at("path").get<std::string>();
        const auto sum = fileSum(path);
        if (!sum) return path.string() + ": missing";
        if (sum->bytes != f.at("bytes").get<std::uintmax_t>() ||
            sum->crc32 != f.at("crc32").get<std::string>())
            return path.string() + ": changed since it was written (size or CRC-32 differs from its record)";
    }
    return "";
}

nlohmann::ordered_json completeRecord(const fs::path& dir, const FramePlan& plan,
                                      const std::vector<std::string>& files) {
    const fs::path path = recordPath(dir, plan.index);
    if (!fs::exists(path)) return nullptr;
    try {
        nlohmann::ordered_json r = report::readJsonFile(path.string());
        std::vector<std::string> recorded;
        for (const auto& f : r.at("files")) recorded.push_back(f.at("path").get<std::string>());
        if (r.at("flags").get<std::vector<std::string>>() != plan.flags || recorded != files) return nullptr;
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
