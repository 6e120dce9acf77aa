#pragma once
// One exception type for every user-facing failure. The message is a single line that names
// the flag or file and the problem; the kind decides the process exit code (see README).
#include <stdexcept>
#include <string>

namespace bragg {

enum class ErrorKind {
    Usage,     // bad flag, missing or malformed value  -> exit 1
    Input,     // missing / unreadable / malformed file  -> exit 5
    Resource,  // job too large for memory              -> exit 6
    Cancelled  // render cancelled by the caller         -> exit 130
};

class Error : public std::runtime_error {
public:
    Error(ErrorKind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
    ErrorKind kind() const { return kind_; }

private:
    ErrorKind kind_;
};

inline Error usageError(const std::string& m) { return Error(ErrorKind::Usage, m); }
inline Error inputError(const std::string& m) { return Error(ErrorKind::Input, m); }

// Process exit status for an error kind (documented in README "Exit codes").
inline int exitCodeFor(ErrorKind kind) {
    switch (kind) {
        case ErrorKind::Usage:
            return 1;
        case ErrorKind::Input:
            return 5;
        case ErrorKind::Resource:
            return 6;
        case ErrorKind::Cancelled:
            return 130;
    }
    return 1;
}

}  // namespace bragg
