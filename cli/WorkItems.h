#pragma once
// Running independent work items (series frames, parity cases, hunt configurations) in this process or over
// Open MPI ranks. An item yields a text (its JSON record) or an error; results are keyed by item, never by
// rank or by arrival order, so the outputs do not depend on how the work was scheduled.
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace bragg::cli {

struct ItemResult {
    std::string text;  // what the work returned
    int exitCode = 0;  // non-zero: it failed, with `error`
    std::string error;
};
using ItemWork = std::function<std::string(int item)>;
// Called once per item as it finishes, one call at a time (MPI: on rank 0 only).
using ItemDone = std::function<void(int item, const ItemResult&)>;

// Runs every item here, in order; an item that throws is reported (describeCurrentException).
void runItemsHere(const std::vector<int>& items, const ItemWork& work, const ItemDone& done);

// `work` for one item with its exception caught and described.
ItemResult runItem(const ItemWork& work, int item);

namespace mpi {

// Whether this bragg was built with Open MPI (BRAGG_HAVE_MPI).
bool built();

// MPI_Init_thread on construction, MPI_Finalize on destruction. Throws Error(Usage) when built
// without MPI.
class Session {
public:
    Session();
    ~Session();
    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;
    int rank() const { return rank_; }
    int size() const { return size_; }
    // Whether rank 0 may run a dispatcher thread beside its own work (MPI_THREAD_SERIALIZED).
    bool threaded() const { return threaded_; }

private:
    int rank_ = 0, size_ = 1;
    bool threaded_ = false;
};

// Every item once, over all ranks: rank 0 hands out the next item to whichever rank asks (so
// uneven items balance) and works on items itself between requests; `done` runs on rank 0 for
// every item. All ranks call it with the same items and return when all are done.
void runItems(const Session& session, const std::vector<int>& items, const ItemWork& work,
              const ItemDone& done);

// Rank 0 says `code` to all ranks (MPI_Bcast); returns it on every rank.
int broadcast(const Session& session, int code);

}  // namespace mpi

// A verb's exit status: with MPI, rank 0's on every rank.
int exitStatus(const std::optional<mpi::Session>& session, int code);
// From a catch block: "bragg VERB: error: …" on stderr (with MPI, from rank 0 only), and the
// status, as exitStatus.
int reportDistributedException(const char* verb, const std::optional<mpi::Session>& session);

}  // namespace bragg::cli
