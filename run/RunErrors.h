#pragma once
// The two failures of a comparison run that the engine's ErrorKind lacks; the CLI maps them to
// exit statuses 2 and 4 (cli/CompareExit.h), the app shows their message.
#include <stdexcept>
#include <string>

namespace bragg::run {

// A side could not produce its image (engine exception, program exit status, signal, timeout,
// missing or malformed output).
class RunnerFailure : public std::runtime_error {
public:
    explicit RunnerFailure(const std::string& message, std::string side = {})
        : std::runtime_error(message), side_(std::move(side)) {}
    // "reference" or "candidate" once runComparison has seen it, else empty.
    const std::string& side() const { return side_; }

private:
    std::string side_;
};

// The two images (or an image and its declared size) do not match in size.
class SizeMismatch : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

}  // namespace bragg::run
