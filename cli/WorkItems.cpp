#include "WorkItems.h"

#include <cstdio>

#include "CompareExit.h"

namespace bragg::cli {

ItemResult runItem(const ItemWork& work, int item) {
    ItemResult r;
    try {
        r.text = work(item);
    } catch (...) {
        const CaughtError caught = describeCurrentException();
        r.exitCode = caught.exitCode, r.error = caught.message;
    }
    return r;
}

void runItemsHere(const std::vector<int>& items, const ItemWork& work, const ItemDone& done) {
    for (const int item : items) done(item, runItem(work, item));
}

int exitStatus(const std::optional<mpi::Session>& session, int code) {
    return session ? mpi::broadcast(*session, code) : code;
}

int reportDistributedException(const char* verb, const std::optional<mpi::Session>& session) {
    const CaughtError caught = describeCurrentException();
    if (!session || session->rank() == 0)
        std::fprintf(stderr, "bragg %s: error: %s\n", verb, caught.message.c_str());
    return exitStatus(session, caught.exitCode);
}

}  // namespace bragg::cli
