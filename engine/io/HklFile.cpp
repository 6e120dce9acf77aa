#include "io/HklFile.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string_view>

#include "core/Error.h"
#include "core/MemoryGuard.h"
#include "io/AtomicFile.h"
#include "io/ByteOrder.h"
#include "io/CText.h"
#include "io/FileBytes.h"

namespace bragg::io {

namespace {

constexpr long long kMaxCells = 1LL << 31;  // beyond this a table is certainly a mistake

struct Range {
    int lo = 0, hi = -1;
};

std::string rangesText(const Range& h, const Range& k, const Range& l) {
    return "h " + std::to_string(h.lo) + ".." + std::to_string(h.hi) + ", k " + std::to_string(k.lo) + ".." +
           std::to_string(k.hi) + ", l " + std::to_string(l.lo) + ".." + std::to_string(l.hi);
}

// Rejects empty or absurd boxes before anything is allocated; `padding` counts the Fdump layout.
long long checkedCells(const std::string& path, const Range& h, const Range& k, const Range& l, int padding) {
    if (h.hi < h.lo || k.hi < k.lo || l.hi < l.lo)
        throw inputError(path + ": empty index range (" + rangesText(h, k, l) + ")");
    long long cells = 1;
    for (const Range* r : {&h, &k, &l}) {
        long long n = (long long)r->hi - r->lo + 1 + padding;
        if (n > kMaxCells || cells * n > kMaxCells)
            throw inputError(path + ": index range too large (" + rangesText(h, k, l) +
                             "; more than 2^31 table cells)");
        cells *= n;
    }
    return cells;
}

// A token quoted in a message: bounded length, no control bytes (messages are one line).
std::string quoted(std::string_view token) {
    std::string out;
    for (char c : token.substr(0, 32)) out += (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) ? '?' : c;
    if (token.size() > 32) out += "...";
    return "'" + out + "'";
}

// ---- Fdump.bin cache ----

struct FdumpHeader {
    std::array<int, 6> v{};  // hmin hmax kmin kmax lmin lmax
    std::size_t bodyOffset = 0;
};

// Recognises exactly "<int> <int> <int> <int> <int> <int>\n\f" at the start of the file.
std::optional<FdumpHeader> parseFdumpHeader(std::string_view bytes) {
    FdumpHeader hdr;
    std::size_t pos = 0;
    for (int i = 0; i < 6; ++i) {
        if (i > 0) {
            if (pos >= bytes.size() || bytes[pos] != ' ') return std::nullopt;
            ++pos;
        }
        const char* first = bytes.data() + pos;
        const char* last = bytes.data() + std::min(bytes.size(), pos + 12);
        auto r = std::from_chars(first, last, hdr.v[std::size_t(i)]);
        if (r.ec != std::errc()) return std::nullopt;
        pos += std::size_t(r.ptr - first);
    }
    if (bytes.substr(pos, 2) != "\n\f") return std::nullopt;
    hdr.bodyOffset = pos + 2;  // exactly two bytes: the body may itself start with "white space"
    return hdr;
}

HklTable readFdumpBody(const std::string& path, std::string_view bytes, const FdumpHeader& hdr) {
    Range h{hdr.v[0], hdr.v[1]}, k{hdr.v[2], hdr.v[3]}, l{hdr.v[4], hdr.v[5]};
    checkedCells(path, h, k, l, 0);
    long long padded = checkedCells(path, h, k, l, 1);
    std::size_t expected = std::size_t(padded) * 8;
    std::size_t actual = bytes.size() - hdr.bodyOffset;
    if (actual != expected)
        throw inputError(path + ": Fdump body has " + std::to_string(actual) + " bytes, expected " +
                         std::to_string(expected) + " for " + rangesText(h, k, l));

    HklTable t{h.lo, h.hi, k.lo, k.hi, l.lo, l.hi, {}};
    t.F.resize(std::size_t(t.hRange()) * std::size_t(t.kRange()) * std::size_t(t.lRange()));
    const char* body = bytes.data() + hdr.bodyOffset;
    std::size_t pk = std::size_t(t.kRange()) + 1, pl = std::size_t(t.lRange()) + 1;
    for (int i = 0; i < t.hRange(); ++i)
        for (int j = 0; j < t.kRange(); ++j)
            for (int m = 0; m < t.lRange(); ++m) {
                std::size_t src = (std::size_t(i) * pk + std::size_t(j)) * pl + std::size_t(m);
                t.F[t.index(t.hmin + i, t.kmin + j, t.lmin + m)] = loadLE<double>(body + 8 * src);
            }
    return t;
}

// ---- text "h k l F" ----

struct Record {
    int h, k, l;
    double F;
};

bool isBlankChar(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f'; }

int millerIndex(const std::string& where, std::string_view token) {
    std::optional<double> v = parseStrictNumber(token);
    if (!v) throw inputError(where + quoted(token) + " is not a number");
    if (*v != std::floor(*v))
        throw inputError(where + "Miller index " + quoted(token) + " is not an integer");
    if (std::fabs(*v) > 1e9) throw inputError(where + "Miller index " + quoted(token) + " is out of range");
    return int(*v);
}

std::vector<Record> parseRecords(const std::string& path, std::string_view text) {
    std::vector<Record> records;
    std::size_t lineNo = 0, pos = 0;
    while (pos < text.size()) {
        std::size_t eol = text.find('\n', pos);
        if (eol == std::string_view::npos) eol = text.size();
        std::string_view line = text.substr(pos, eol - pos);
        pos = eol + 1;
        ++lineNo;

        std::vector<std::string_view> fields;
        for (std::size_t i = 0; i < line.size();) {
            while (i < line.size() && isBlankChar(line[i])) ++i;
            std::size_t start = i;
            while (i < line.size() && !isBlankChar(line[i])) ++i;
            if (i > start) fields.push_back(line.substr(start, i - start));
        }
        if (fields.empty()) continue;
        std::string where = path + ":" + std::to_string(lineNo) + ": ";
        if (fields.size() != 4)
            throw inputError(where + "expected 4 numbers 'h k l F', got " + std::to_string(fields.size()));
        Record r{millerIndex(where, fields[0]), millerIndex(where, fields[1]), millerIndex(where, fields[2]),
                 0.0};
        std::optional<double> F = parseStrictNumber(fields[3]);
        if (!F) throw inputError(where + "F " + quoted(fields[3]) + " is not a finite number");
        r.F = *F;
        records.push_back(r);
    }
    return records;
}

HklTable tableFromRecords(const std::string& path, const std::vector<Record>& records, double defaultF) {
    Range h{records[0].h, records[0].h}, k{records[0].k, records[0].k}, l{records[0].l, records[0].l};
    for (const Record& r : records) {
        h.lo = std::min(h.lo, r.h);
        h.hi = std::max(h.hi, r.h);
        k.lo = std::min(k.lo, r.k);
        k.hi = std::max(k.hi, r.k);
        l.lo = std::min(l.lo, r.l);
        l.hi = std::max(l.hi, r.l);
    }
    long long cells = checkedCells(path, h, k, l, 0);
    // The table is dense over the index box, so a few far-apart records can ask for gigabytes.
    const double bytes = double(cells) * sizeof(double), budget = double(memoryBudgetBytes());
    if (bytes > budget)
        throw Error(ErrorKind::Resource, path + ": index range " + rangesText(h, k, l) + " needs a " +
                                             std::to_string((long long)(bytes / 1048576)) +
                                             " MB table, only " +
                                             std::to_string((long long)(budget / 1048576)) +
                                             " MB available (set BRAGG_MEMORY_LIMIT_MB to change the cap)");
    HklTable t{h.lo, h.hi, k.lo, k.hi, l.lo, l.hi, {}};
    t.F.assign(std::size_t(cells), defaultF);
    for (const Record& r : records) t.F[t.index(r.h, r.k, r.l)] = r.F;  // last one wins
    return t;
}

}  // namespace

HklTable readHkl(const std::string& path, double defaultF) {
    return parseHkl(path, readFileBytes(path), defaultF);
}

HklTable parseHkl(const std::string& path, std::string_view bytes, double defaultF) {
    if (bytes.empty()) throw inputError(path + ": file is empty");
    if (std::optional<FdumpHeader> hdr = parseFdumpHeader(bytes)) return readFdumpBody(path, bytes, *hdr);
    std::vector<Record> records = parseRecords(path, bytes);
    if (records.empty()) throw inputError(path + ": no 'h k l F' records");
    return tableFromRecords(path, records, defaultF);
}

void writeFdump(const std::string& path, const HklTable& t) {
    if (t.hRange() <= 0 || t.kRange() <= 0 || t.lRange() <= 0 ||
        t.F.size() != std::size_t(t.hRange()) * std::size_t(t.kRange()) * std::size_t(t.lRange()))
        throw std::invalid_argument("writeFdump: inconsistent HKL table");
    writeFileAtomically(path, [&t](std::ostream& os) {
        // std::to_string, not operator<<, so no stream locale can add digit grouping.
        std::string header;
        for (int v : {t.hmin, t.hmax, t.kmin, t.kmax, t.lmin, t.lmax}) {
            if (!header.empty()) header += ' ';
            header += std::to_string(v);
        }
        header += "\n\f";
        os.write(header.data(), std::streamsize(header.size()));
        // Loops run to R inclusive; the extra last index in each dimension is 0 padding.
        std::string row;
        for (int i = 0; i <= t.hRange(); ++i)
            for (int j = 0; j <= t.kRange(); ++j) {
                row.clear();
                for (int m = 0; m <= t.lRange(); ++m) {
                    bool real = i < t.hRange() && j < t.kRange() && m < t.lRange();
                    appendLE(row, real ? t.at(t.hmin + i, t.kmin + j, t.lmin + m) : 0.0);
                }
                os.write(row.data(), std::streamsize(row.size()));
            }
    });
}

}  // namespace bragg::io
