#pragma once
// Exit statuses of `bragg compare`, `bragg bisect` and `bragg parity` (documented in their --help
// and the README), and the reporting of the exception in flight.

#include <stdexcept>
#include <string>

namespace bragg::cli {

enum CompareExit : int {
    kExitPass = 0,            // the images agree within every threshold
    kExitUsage = 1,           // bad options or flags
    kExitRunnerFailed = 2,    // an engine or external program failed to produce its image
    kExitBelowThreshold = 3,  // BLOCKED: at least one threshold failed
    kExitSizeMismatch = 4,    // the two images differ in size
    kExitIo = 5,              // unreadable/malformed input, unwritable output
};

// Prints "bragg <verb>: error: ..." for the exception in flight and returns its exit status.
// Call only from a catch block.
int reportCurrentException(const char* verb);

// The exception in flight as its exit status and one-line message, without printing it (a work
// item on another MPI rank reports it to rank 0). Call only from a catch block.
struct CaughtError {
    int exitCode = kExitUsage;
    std::string message;
};
CaughtError describeCurrentException();

// An error described where it happened (a work item on another MPI rank, a case of a parity
// run), thrown on where its status is reported: describeCurrentException keeps that status.
class DescribedError : public std::runtime_error {
public:
    explicit DescribedError(const CaughtError& caught)
        : std::runtime_error(caught.message), exitCode_(caught.exitCode) {}
    int exitCode() const { return exitCode_; }

private:
    int exitCode_;
};

}  // namespace bragg::cli
