#pragma once
// Locale-independent replacements for the C text conversions the file formats are defined by.
// The GUI's Qt runtime calls setlocale(), after which atof/printf would use a decimal comma in
// some locales; these helpers always behave like the "C" locale.
#include <optional>
#include <string>
#include <string_view>

namespace bragg::io {

// C atof(): skip leading white space, convert the longest numeric prefix (decimal, hex "0x",
// inf, nan, optional sign); 0 if there is none. Overflow gives +-HUGE_VAL, underflow 0.
double cAtof(std::string_view text);

// The whole of `token` must be one finite decimal number (optional leading '+' or '-');
// nullopt otherwise. Used where BraggStudio is stricter than the original program.
std::optional<double> parseStrictNumber(std::string_view token);

// C printf("%g") (6 significant digits, trailing zeros dropped, e-form for extreme exponents).
std::string formatG(double value);

}  // namespace bragg::io
