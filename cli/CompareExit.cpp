#include "CompareExit.h"

#include <cstdio>
#include <exception>
#include <new>

#include "core/Error.h"
#include "run/RunErrors.h"

namespace bragg::cli {

CaughtError describeCurrentException() {
    int code = kExitUsage;
    std::string message;
    try {
        throw;
    } catch (const DescribedError& e) {
        code = e.exitCode(), message = e.what();
    } catch (const run::RunnerFailure& e) {
        code = kExitRunnerFailed, message = e.what();
    } catch (const run::SizeMismatch& e) {
        code = kExitSizeMismatch, message = e.what();
    } catch (const Error& e) {
        // Usage → 1 and Input → 5 as everywhere; a render that runs out of memory or is
        // cancelled is a failed run.
        code = e.kind() == ErrorKind::Usage   ? kExitUsage
               : e.kind() == ErrorKind::Input ? kExitIo
                                              : kExitRunnerFailed;
        message = e.what();
    } catch (const std::bad_alloc&) {
        code = kExitRunnerFailed, message = "out of memory";
    } catch (const std::exception& e) {
        code = kExitIo, message = e.what();  // filesystem and JSON library errors
    }
    return {code, message};
}

int reportCurrentException(const char* verb) {
    const CaughtError caught = describeCurrentException();
    std::fprintf(stderr, "bragg %s: error: %s\n", verb, caught.message.c_str());
    return caught.exitCode;
}

}  // namespace bragg::cli
