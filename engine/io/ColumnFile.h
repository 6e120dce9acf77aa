#pragma once
// The original program's generic column-text reader (docs/formats.md §4), used by -sourcefile and
// -stol/-4stol/-Q, reproduced rule for rule:
//  * the file is read in lines of at most 10239 characters (a longer line continues as a new
//    "line", as fgets with a 10240-byte buffer does); a NUL byte ends the line's text;
//  * a line that is nothing but separators followed by its newline is skipped; every other line is
//    a record (no comment syntax: "# x" is a record whose fields read as 0);
//  * separators are space, tab and , ; : ! — a carriage return is NOT one, so a CRLF line that is
//    otherwise blank is a record with first field 0;
//  * each field is converted with C atof semantics (numeric prefix, anything else 0);
//  * fields beyond `columns` are ignored; missing trailing fields are nullopt, except on a last
//    line without a newline, where they read as 0 (so a final line of only separators without a
//    newline is a record of zeros).
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace bragg::io {

using ColumnRecord = std::vector<std::optional<double>>;  // `columns` entries

// Every record of `path`, each with exactly `columns` (>= 1) entries. An unopenable file or one
// without records is an inputError.
std::vector<ColumnRecord> readColumns(const std::string& path, int columns);

// readColumns() on bytes already in memory; `name` stands for the file in messages.
std::vector<ColumnRecord> parseColumns(const std::string& name, std::string_view bytes, int columns);

// -sourcefile: X Y Z (m, source position), weight, λ (m). Missing fields are nullopt so the
// caller can apply its defaults (docs/formats.md §4).
struct SourceRecord {
    std::optional<double> x, y, z, weight, lambda;
};
std::vector<SourceRecord> readSourceFile(const std::string& path);

// -stol/-4stol/-Q: (abscissa, F) as written in the file; missing fields are 0. Unit conversion
// of the abscissa is the caller's job.
std::vector<std::pair<double, double>> readStolFile(const std::string& path);

}  // namespace bragg::io
