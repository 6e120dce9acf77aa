#pragma once
// The two failures of a comparison run that the engine's ErrorKind lacks; the CLI maps them to
// exit statuses 2 and 4 (app/bragg/CompareExit.h), the app shows their message.
#include <stdexcept>

namespace bragg::run {

// A side could not produce its image (engine exception, program exit status, signal, timeout,
// missing or malformed output).
class RunnerFailure : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// The two images (or an image and its declared size) do not match in size.
class SizeMismatch : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

}  // namespace bragg::run
