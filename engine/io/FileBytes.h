#pragma once
// Whole-file reads with one-line error messages naming the file.
#include <string>

namespace bragg::io {

// All bytes of `path`. Throws inputError("<path>: cannot open: <reason>") or "cannot read".
std::string readFileBytes(const std::string& path);

}  // namespace bragg::io
