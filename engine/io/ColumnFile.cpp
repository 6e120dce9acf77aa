#include "io/ColumnFile.h"

#include <algorithm>
#include <stdexcept>
#include <string_view>

#include "core/Error.h"
#include "io/CText.h"
#include "io/FileBytes.h"

namespace bragg::io {

namespace {

constexpr std::size_t kMaxLineChars = 10239;  // fgets into char[10240]
constexpr std::string_view kSeparators = " \t,;:!";

bool isSeparator(char c) { return kSeparators.find(c) != std::string_view::npos; }

// One fgets-sized line (newline included if it fits) -> a record, or nullopt for a blank line.
std::optional<ColumnRecord> parseLine(std::string_view line, int columns) {
    line = line.substr(0, line.find('\0'));  // the C string ends at a NUL byte
    std::size_t p = 0;
    while (p < line.size() && isSeparator(line[p])) ++p;
    if (line.substr(p) == "\n") return std::nullopt;

    ColumnRecord record(static_cast<std::size_t>(columns));
    for (auto& field : record) {
        while (p < line.size() && isSeparator(line[p])) ++p;
        if (p < line.size() && line[p] == '\n') break;  // newline: this and later fields missing
        if (p == line.size()) {
            field = 0.0;  // end of text without newline: atof("") = 0, the quirk
            continue;
        }
        std::size_t start = p;
        while (p < line.size() && !isSeparator(line[p]) && line[p] != '\n') ++p;
        field = cAtof(line.substr(start, p - start));
    }
    return record;
}

}  // namespace

std::vector<ColumnRecord> readColumns(const std::string& path, int columns) {
    return parseColumns(path, readFileBytes(path), columns);
}

std::vector<ColumnRecord> parseColumns(const std::string& path, std::string_view text, int columns) {
    if (columns < 1) throw std::invalid_argument("parseColumns: columns must be >= 1");
    std::vector<ColumnRecord> records;
    for (std::size_t pos = 0; pos < text.size();) {
        std::size_t limit = std::min(text.size(), pos + kMaxLineChars);
        // Search only this fgets-sized window, so a long run without newlines stays linear.
        std::size_t newline = text.substr(0, limit).find('\n', pos);
        std::size_t end = newline != std::string_view::npos ? newline + 1 : limit;
        if (auto record = parseLine(text.substr(pos, end - pos), columns))
            records.push_back(std::move(*record));
        pos = end;
    }
    if (records.empty()) throw inputError(path + ": no records (file is empty or blank)");
    return records;
}

std::vector<SourceRecord> readSourceFile(const std::string& path) {
    std::vector<SourceRecord> sources;
    for (const ColumnRecord& r : readColumns(path, 5))
        sources.push_back(SourceRecord{r[0], r[1], r[2], r[3], r[4]});
    return sources;
}

std::vector<std::pair<double, double>> readStolFile(const std::string& path) {
    std::vector<std::pair<double, double>> rows;
    for (const ColumnRecord& r : readColumns(path, 2))
        rows.emplace_back(r[0].value_or(0.0), r[1].value_or(0.0));
    return rows;
}

}  // namespace bragg::io
