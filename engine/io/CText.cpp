#include "io/CText.h"

#include <charconv>
#include <cmath>
#include <system_error>

namespace bragg::io {

namespace {

bool isCSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'; }

bool isDigit(char c) { return c >= '0' && c <= '9'; }

// from_chars reports out_of_range without a value; strtod would give HUGE_VAL on overflow and
// 0 (or a denormal) on underflow. Decide which by the decimal exponent of the first non-zero digit.
double outOfRangeValue(const char* p, const char* end, bool negative) {
    long long firstDigitExp = 0;  // power of ten of the first non-zero mantissa digit
    bool seenNonZero = false, afterPoint = false;
    long long intDigits = 0, leadingFracZeros = 0;
    for (; p < end; ++p) {
        if (*p == '.' && !afterPoint) {
            afterPoint = true;
            continue;
        }
        if (!isDigit(*p)) break;
        if (!afterPoint) {
            if (seenNonZero || *p != '0') {
                seenNonZero = true;
                ++intDigits;
            }
        } else if (!seenNonZero) {
            if (*p == '0')
                ++leadingFracZeros;
            else
                seenNonZero = true;
        }
    }
    firstDigitExp = intDigits > 0 ? intDigits - 1 : -(leadingFracZeros + 1);
    long long exponent = 0;
    if (p < end && (*p == 'e' || *p == 'E')) {
        const char* q = p + 1;
        bool expNeg = false;
        if (q < end && (*q == '+' || *q == '-')) expNeg = (*q++ == '-');
        for (; q < end && isDigit(*q); ++q)
            if (exponent < 100000) exponent = exponent * 10 + (*q - '0');
        if (expNeg) exponent = -exponent;
    }
    bool overflow = firstDigitExp + exponent > 0;
    double magnitude = overflow ? HUGE_VAL : 0.0;
    return negative ? -magnitude : magnitude;
}

}  // namespace

double cAtof(std::string_view text) {
    const char* p = text.data();
    const char* end = p + text.size();
    while (p < end && isCSpace(*p)) ++p;
    bool negative = false;
    if (p < end && (*p == '+' || *p == '-')) negative = (*p++ == '-');
    if (p == end || *p == '+' || *p == '-') return 0.0;  // no digits, or a second sign

    // Hexadecimal "0x..." as strtod accepts it; "0x" without hex digits reads as the "0".
    if (end - p >= 2 && p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
        double v = 0;
        const char* digits = p + 2;
        if (digits == end || *digits == '+' || *digits == '-') return negative ? -0.0 : 0.0;
        auto r = std::from_chars(digits, end, v, std::chars_format::hex);
        if (r.ec == std::errc()) return negative ? -v : v;
        if (r.ec == std::errc::result_out_of_range) {  // a negative binary exponent underflowed
            std::string_view rest(digits, std::size_t(end - digits));
            std::size_t pe = rest.find_first_of("pP");
            bool underflow = pe != std::string_view::npos && pe + 1 < rest.size() && rest[pe + 1] == '-';
            double magnitude = underflow ? 0.0 : HUGE_VAL;
            return negative ? -magnitude : magnitude;
        }
        return negative ? -0.0 : 0.0;
    }
    double v = 0;
    auto r = std::from_chars(p, end, v, std::chars_format::general);
    if (r.ec == std::errc::invalid_argument) return 0.0;
    if (r.ec == std::errc::result_out_of_range) return outOfRangeValue(p, end, negative);
    return negative ? -v : v;
}

std::optional<double> parseStrictNumber(std::string_view token) {
    const char* p = token.data();
    const char* end = p + token.size();
    if (p < end && *p == '+') {
        ++p;
        if (p < end && *p == '-') return std::nullopt;  // "+-1" is not a number
    }
    if (p == end || *p == '+') return std::nullopt;
    double v = 0;
    auto r = std::from_chars(p, end, v, std::chars_format::general);
    if (r.ec != std::errc() || r.ptr != end || !std::isfinite(v)) return std::nullopt;
    return v;
}

std::string formatG(double value) {
    char buf[64];
    auto r = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::general, 6);
    return std::string(buf, r.ptr);
}

}  // namespace bragg::io
