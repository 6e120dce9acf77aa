#include "io/MatrixFile.h"

#include <optional>
#include <string_view>

#include "core/Error.h"
#include "io/CText.h"
#include "io/FileBytes.h"

namespace bragg::io {

namespace {
bool isSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }
}  // namespace

std::array<double, 9> readMosflmMatrix(const std::string& path) {
    return parseMosflmMatrix(path, readFileBytes(path));
}

std::array<double, 9> parseMosflmMatrix(const std::string& path, std::string_view text) {
    std::array<double, 9> m{};
    std::size_t pos = 0;
    for (int n = 0; n < 9; ++n) {
        while (pos < text.size() && isSpace(text[pos])) ++pos;
        std::size_t start = pos;
        while (pos < text.size() && !isSpace(text[pos])) ++pos;
        if (pos == start)
            throw inputError(path + ": expected 9 numbers (3x3 matrix), found " + std::to_string(n));
        std::string_view token = text.substr(start, pos - start);
        std::optional<double> v = parseStrictNumber(token);
        if (!v) {
            std::string shown(token.substr(0, 32));
            for (char& c : shown)
                if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = '?';
            throw inputError(path + ": matrix element " + std::to_string(n + 1) + " '" + shown +
                             "' is not a number");
        }
        m[std::size_t(n)] = *v;
    }
    return m;
}

}  // namespace bragg::io
