// Reading a miniCBF: the one layout a Pilatus-style file has (docs/formats.md §12), parsed here
// with every length checked against the file. CBFlib's CIF lexer and byte-offset decoder read and
// wrote out of bounds on damaged files under fuzzing (the decoder fills as many pixels as the
// binary section holds, whatever count it is given), so only its MD5 is used for reading.
#include "io/Cbf.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <map>
#include <string_view>
#include <utility>

#include <cbf.h>
#include <cbf_codes.h>
#include <global.h>  // CBFlib's MD5 types
#include <md5.h>

#include "core/Error.h"
#include "core/MemoryGuard.h"
#include "io/FileBytes.h"

namespace bragg::io {
namespace {

constexpr std::string_view kMagic = "###CBF: VERSION";
constexpr std::string_view kBoundary = "--CIF-BINARY-FORMAT-SECTION--";
constexpr std::string_view kBinaryStart = "\x0c\x1a\x04\xd5";

std::string lower(std::string_view text) {
    std::string out(text);
    for (char& c : out) c = char(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::string_view trim(std::string_view text) {
    const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    while (!text.empty() && space(text.front())) text.remove_prefix(1);
    while (!text.empty() && space(text.back())) text.remove_suffix(1);
    return text;
}

// A quoted MIME value without its quotes.
std::string_view unquote(std::string_view text) {
    text = trim(text);
    if (text.size() >= 2 && text.front() == '"' && text.back() == '"') text = text.substr(1, text.size() - 2);
    return text;
}

class Reader {
public:
    Reader(std::string path, std::string bytes) : path_(std::move(path)), bytes_(std::move(bytes)) {}

    MiniCbfFile read() {
        if (std::string_view(bytes_).substr(0, kMagic.size()) != kMagic)
            fail("not a CBF file (it does not start with \"###CBF: VERSION\")");
        const std::size_t boundary = bytes_.find(kBoundary);
        const std::string text = lower(std::string_view(bytes_).substr(0, boundary));
        if (text.find("_array_data.") == std::string::npos)
            fail("no array_data category (not a miniCBF image)");
        const std::size_t dataTag = text.find("_array_data.data");
        if (dataTag == std::string::npos) fail("no array_data.data column");
        if (boundary == std::string::npos) fail("array_data.data has no binary section");

        MiniCbfFile file;
        file.header = parseMiniCbfHeader(headerContents(text));
        const std::size_t dataStart = readMimeHeader(boundary + kBoundary.size());
        decode(dataStart, file);
        return file;
    }

private:
    [[noreturn]] void fail(const std::string& problem) const { throw inputError(path_ + ": " + problem); }

    // The text field after _array_data.header_contents (";" lines), or "" if there is none.
    std::string headerContents(const std::string& lowerText) const {
        std::size_t at = lowerText.find("_array_data.header_contents");
        if (at == std::string::npos) return "";
        at = lowerText.find_first_not_of(" \t\r\n", at + std::strlen("_array_data.header_contents"));
        if (at == std::string::npos || lowerText[at] != ';' || (at > 0 && lowerText[at - 1] != '\n'))
            return "";
        const std::size_t end = lowerText.find("\n;", at);
        if (end == std::string::npos) fail("the header_contents text field is not closed");
        return bytes_.substr(at + 1, end + 1 - (at + 1));
    }

    // The MIME header lines after the boundary, up to the blank line; returns where the binary
    // data begin (after the 4-byte start marker).
    std::size_t readMimeHeader(std::size_t at) {
        std::string* last = nullptr;
        for (bool first = true;; first = false) {
            const std::size_t eol = bytes_.find('\n', at);
            if (eol == std::string::npos) fail("the binary section's MIME header is not terminated");
            const std::string_view line = trim(std::string_view(bytes_).substr(at, eol - at));
            const bool continuation = bytes_[at] == ' ' || bytes_[at] == '\t';
            at = eol + 1;
            if (first) {
                if (!line.empty()) fail("unexpected text after the binary section's boundary line");
                continue;
            }
            if (line.empty()) break;
            if (continuation && last) {
                *last += ' ';
                *last += line;
                continue;
            }
            const std::size_t colon = line.find(':');
            if (colon == std::string::npos || colon == 0)
                fail("malformed MIME header line \"" + std::string(line.substr(0, 60)) + "\"");
            last = &mime_[lower(trim(line.substr(0, colon)))];
            *last = std::string(trim(line.substr(colon + 1)));
        }
        if (std::string_view(bytes_).substr(at, kBinaryStart.size()) != kBinaryStart)
            fail("the binary data do not start with the CBF start marker after the MIME header");
        return at + kBinaryStart.size();
    }

    const std::string* mime(const std::string& name) const {
        const auto it = mime_.find(name);
        return it == mime_.end() ? nullptr : &it->second;
    }

    std::size_t mimeCount(const std::string& name, bool required) const {
        const std::string* value = mime(name);
        if (!value) {
            if (required) fail("the binary section has no " + name + " line");
            return 0;
        }
        std::size_t n = 0;
        const std::string_view v = unquote(*value);
        const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
        if (ec != std::errc() || end != v.data() + v.size() || v.empty())
            fail("the binary section's " + name + " \"" + std::string(v.substr(0, 40)) +
                 "\" is not a whole number");
        return n;
    }

    void decode(std::size_t dataStart, MiniCbfFile& file) {
        const std::string* encoding = mime("content-transfer-encoding");
        if (!encoding || lower(unquote(*encoding)) != "binary")
            fail("unsupported Content-Transfer-Encoding (only BINARY is read)");
        const std::string* contentType = mime("content-type");
        std::string conversion = "x-cbf_none";
        if (contentType) {
            const std::string type = lower(*contentType);
            const std::size_t at = type.find("conversions=");
            if (at != std::string::npos)
                conversion = std::string(
                    unquote(std::string_view(type).substr(at + 12, type.find(';', at) - at - 12)));
        }
        if (conversion != "x-cbf_byte_offset" && conversion != "x-cbf_none")
            fail("unsupported compression \"" + conversion + "\" (byte-offset and none are read)");

        const std::string* typeLine = mime("x-binary-element-type");
        const std::string type = typeLine ? lower(unquote(*typeLine)) : "signed 32-bit integer";
        bits_ = 0;
        for (const int bits : {8, 16, 32})
            for (const char* sign : {"signed ", "unsigned "})
                if (type == sign + std::to_string(bits) + "-bit integer") {
                    bits_ = bits;
                    signed_ = sign[0] == 's';
                }
        if (bits_ == 0)
            fail("unsupported element type \"" + type + "\" (8-, 16- or 32-bit integers are read)");
        const std::string* orderLine = mime("x-binary-element-byte-order");
        const std::string order = orderLine ? lower(unquote(*orderLine)) : "little_endian";
        if (order != "little_endian" && order != "big_endian")
            fail("unsupported byte order \"" + order + "\"");

        const std::size_t size = mimeCount("x-binary-size", true);
        const std::size_t elements = mimeCount("x-binary-number-of-elements", true);
        const std::size_t fast = mimeCount("x-binary-size-fastest-dimension", true);
        const std::size_t slow = mimeCount("x-binary-size-second-dimension", true);
        const std::size_t third = mimeCount("x-binary-size-third-dimension", false);
        if (fast == 0 || slow == 0 || third > 1 || fast > std::size_t(1) << 20 ||
            slow > std::size_t(1) << 20 || fast * slow != elements)
            fail("array dimensions " + std::to_string(fast) + "x" + std::to_string(slow) + "x" +
                 std::to_string(std::max<std::size_t>(third, 1)) + " do not describe one 2-D image of " +
                 std::to_string(elements) + " elements");
        if (size > bytes_.size() - dataStart)
            fail("truncated: the binary section needs " + std::to_string(size) + " bytes, the file has " +
                 std::to_string(bytes_.size() - dataStart));
        const std::string_view data = std::string_view(bytes_).substr(dataStart, size);
        // The section closes after the data and their padding; a file cut there lost its end.
        const std::size_t close = bytes_.find(std::string(kBoundary) + "--", dataStart + size);
        if (close == std::string::npos ||
            trim(std::string_view(bytes_).substr(close + kBoundary.size() + 2)).substr(0, 1) != ";")
            fail("truncated: the binary section is not closed after its data");
        checkDigest(data);

        checkMemoryFor(static_cast<long long>(fast), static_cast<long long>(slow));
        file.width = int(fast);
        file.height = int(slow);
        file.pixels.assign(elements, 0);
        const std::size_t held = conversion == "x-cbf_byte_offset"
                                     ? decodeByteOffset(data, file.pixels)
                                     : decodeRaw(data, order == "big_endian", file.pixels);
        if (held != elements)
            fail("the binary section holds " + std::to_string(held) + " pixels, the header says " +
                 std::to_string(elements));
    }

    void checkDigest(std::string_view data) const {
        const std::string* stated = mime("content-md5");
        if (!stated) return;
        MD5_CTX context;
        MD5Init(&context);
        for (std::size_t at = 0; at < data.size(); at += std::size_t(1) << 30) {  // its length is 32-bit
            const std::size_t chunk = std::min(data.size() - at, std::size_t(1) << 30);
            MD5Update(&context, reinterpret_cast<unsigned char*>(const_cast<char*>(data.data() + at)),
                      static_cast<unsigned int>(chunk));
        }
        unsigned char digest[16];
        MD5Final(digest, &context);
        char encoded[25] = {};
        cbf_md5digest_to64(encoded, digest);
        if (trim(*stated) != encoded)
            fail("MD5 digest mismatch (the file says " + std::string(trim(*stated)).substr(0, 24) +
                 ", the data give " + encoded + ")");
    }

    // The low `bits` of `value` as the element type gives them: the writers form deltas in the
    // element's width, so sums wrap there (-2e9 after +2e9 is one 32-bit delta).
    void store(std::vector<std::int32_t>& out, std::size_t n, std::uint64_t value) const {
        if (n >= out.size()) return;  // counted, not stored: the count is checked by the caller
        const std::uint64_t mask = bits_ == 64 ? ~std::uint64_t(0) : (std::uint64_t(1) << bits_) - 1;
        const std::uint64_t sign = std::uint64_t(1) << (bits_ - 1);
        value &= mask;
        const std::int64_t element =
            signed_ ? std::int64_t(value ^ sign) - std::int64_t(sign) : std::int64_t(value);
        if (element < INT32_MIN || element > INT32_MAX)
            fail("pixel " + std::to_string(n) + " holds " + std::to_string(element) +
                 ", beyond 32-bit counts");
        out[n] = std::int32_t(element);
    }

    // Byte-offset: each pixel is the previous one plus a delta of 1, 2, 4 or 8 little-endian bytes,
    // the wider forms announced by the narrower one's most negative value.
    std::size_t decodeByteOffset(std::string_view data, std::vector<std::int32_t>& out) const {
        std::uint64_t value = 0;  // wraps like the two's-complement sums of the writers
        std::size_t n = 0, i = 0;
        const auto take = [&](std::size_t bytes) {
            if (data.size() - i < bytes) fail("the byte-offset data end inside pixel " + std::to_string(n));
            std::uint64_t v = 0;
            for (std::size_t b = 0; b < bytes; ++b)
                v |= std::uint64_t(static_cast<unsigned char>(data[i + b])) << (8 * b);
            i += bytes;
            const std::uint64_t sign = std::uint64_t(1) << (8 * bytes - 1);
            return bytes == 8 ? std::int64_t(v) : std::int64_t(v ^ sign) - std::int64_t(sign);
        };
        while (i < data.size()) {
            std::int64_t delta = take(1);
            if (delta == INT8_MIN) {
                delta = take(2);
                if (delta == INT16_MIN) {
                    delta = take(4);
                    if (delta == INT32_MIN) delta = take(8);
                }
            }
            value += std::uint64_t(delta);
            store(out, n++, value);
        }
        return n;
    }

    std::size_t decodeRaw(std::string_view data, bool bigEndian, std::vector<std::int32_t>& out) const {
        const std::size_t bytes = std::size_t(bits_ / 8);
        if (data.size() % bytes != 0) fail("the uncompressed data are not a whole number of pixels");
        const std::size_t n = data.size() / bytes;
        for (std::size_t k = 0; k < n; ++k) {
            std::uint64_t v = 0;
            for (std::size_t b = 0; b < bytes; ++b)
                v |= std::uint64_t(static_cast<unsigned char>(data[k * bytes + b]))
                     << (8 * (bigEndian ? bytes - 1 - b : b));
            store(out, k, v);
        }
        return n;
    }

    std::string path_;
    std::string bytes_;
    std::map<std::string, std::string> mime_;  // lower-case names
    int bits_ = 32;                            // the element type
    bool signed_ = true;
};

}  // namespace

MiniCbfFile readMiniCbf(const std::string& path) { return Reader(path, readFileBytes(path)).read(); }

}  // namespace bragg::io
