#include "CompareExit.h"

#include <cstdio>
#include <exception>
#include <new>

#include "core/Error.h"
#include "run/RunErrors.h"

namespace bragg::cli {

int reportCurrentException(const char* verb) {
    int code = kExitUsage;
    std::string message;
    try {
        throw;
    } catch (const run::RunnerFailure& e) {
        code = kExitRunnerFailed, message = e.what();
    } catch (const run::SizeMismatch& e) {
        code = kExitSizeMismatch, message = e.what();
    } catch (const Error& e) {
        // Usage → 1 and Input → 5 as everywhere; a render that runs out of memory or is
        // cancelled is a failed run.
        code = e.kind() == ErrorKind::Usage ? kExitUsage : e.kind() == ErrorKind::Input ? kExitIo : kExitRunnerFailed;
        message = e.what();
    } catch (const std::bad_alloc&) {
        code = kExitRunnerFailed, message = "out of memory";
    } catch (const std::exception& e) {
        code = kExitIo, message = e.what();  // filesystem and JSON library errors
    }
    std::fprintf(stderr, "bragg %s: error: %s\n", verb, message.c_str());
    return code;
}

}  // namespace bragg::cli
