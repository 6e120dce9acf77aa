#include "WorkItems.h"

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

}  // namespace bragg::cli
