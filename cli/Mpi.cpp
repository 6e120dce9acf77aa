// The only file that includes mpi.h: bragg's Open MPI support (WorkItems.h), compiled to a clear
// error when the build has no MPI.
#include "WorkItems.h"

#include "core/Error.h"

#ifdef BRAGG_HAVE_MPI
// The C API only: Open MPI's deprecated C++ bindings would need libmpi_cxx.
#define OMPI_SKIP_MPICXX 1
#define MPICH_SKIP_MPICXX 1
#include <mpi.h>

#include <algorithm>
#include <chrono>
#include <mutex>
#include <sstream>
#include <thread>
#endif

namespace bragg::cli::mpi {

#ifndef BRAGG_HAVE_MPI

bool built() { return false; }

Session::Session() {
    throw usageError(
        "--mpi: this bragg was built without MPI (install Open MPI, e.g. Debian's libopenmpi-dev, and "
        "rebuild); use --shard I/N to split the work instead");
}
Session::~Session() = default;

void runItems(const Session&, const std::vector<int>& items, const ItemWork& work, const ItemDone& done) {
    runItemsHere(items, work, done);
}

int broadcast(const Session&, int code) { return code; }

#else

namespace {

constexpr int kTagReady = 1;   // worker → 0: ready for an item, with the last item's result
constexpr int kTagAssign = 2;  // 0 → worker: the next item, or -1 = no more

// "item exitCode\nerror\ntext" (the error is one line).
std::string packResult(int item, const ItemResult& r) {
    return std::to_string(item) + " " + std::to_string(r.exitCode) + "\n" + r.error + "\n" + r.text;
}

std::pair<int, ItemResult> unpackResult(const std::string& message) {
    std::istringstream in(message);
    int item = -1;
    ItemResult r;
    in >> item >> r.exitCode;
    in.ignore(1);
    std::getline(in, r.error);
    r.text = message.substr(std::min(message.size(), std::size_t(in.tellg())));
    return {item, r};
}

class Dispatcher {
public:
    Dispatcher(const std::vector<int>& items, const ItemDone& done) : items_(items), done_(done) {}

    // The next item for anyone (-1 when all are handed out).
    int take() {
        std::lock_guard lock(mutex_);
        return next_ < items_.size() ? items_[next_++] : -1;
    }
    void report(int item, const ItemResult& r) {
        std::lock_guard lock(mutex_);
        done_(item, r);
    }

    // Answers the workers until each has been told there is no more. Polls with short sleeps
    // instead of a blocking receive, which would spin a core that rank 0's renders need.
    void serve(int workers) {
        while (workers > 0) {
            int flag = 0;
            MPI_Status status;
            MPI_Iprobe(MPI_ANY_SOURCE, kTagReady, MPI_COMM_WORLD, &flag, &status);
            if (!flag) {
                std::this_thread::sleep_for(std::chrono::milliseconds(2));
                continue;
            }
            int length = 0;
            MPI_Get_count(&status, MPI_CHAR, &length);
            std::string message(std::size_t(length), '\0');
            MPI_Recv(message.data(), length, MPI_CHAR, status.MPI_SOURCE, kTagReady, MPI_COMM_WORLD,
                     MPI_STATUS_IGNORE);
            if (!message.empty()) {
                const auto [item, result] = unpackResult(message);
                report(item, result);
            }
            int item = take();
            MPI_Send(&item, 1, MPI_INT, status.MPI_SOURCE, kTagAssign, MPI_COMM_WORLD);
            if (item < 0) --workers;
        }
    }

private:
    const std::vector<int>& items_;
    const ItemDone& done_;
    std::mutex mutex_;
    std::size_t next_ = 0;
};

void workForRankZero(const ItemWork& work) {
    std::string message;  // empty: no result yet
    for (;;) {
        MPI_Send(message.data(), int(message.size()), MPI_CHAR, 0, kTagReady, MPI_COMM_WORLD);
        int item = -1;
        MPI_Recv(&item, 1, MPI_INT, 0, kTagAssign, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
        if (item < 0) return;
        message = packResult(item, runItem(work, item));
    }
}

}  // namespace

bool built() { return true; }

Session::Session() {
    int provided = 0;
    MPI_Init_thread(nullptr, nullptr, MPI_THREAD_SERIALIZED, &provided);
    threaded_ = provided >= MPI_THREAD_SERIALIZED;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
    MPI_Comm_size(MPI_COMM_WORLD, &size_);
}

Session::~Session() { MPI_Finalize(); }

void runItems(const Session& session, const std::vector<int>& items, const ItemWork& work,
              const ItemDone& done) {
    if (session.size() == 1) return runItemsHere(items, work, done);
    if (session.rank() != 0) return workForRankZero(work);
    Dispatcher dispatcher(items, done);
    if (!session.threaded()) return dispatcher.serve(session.size() - 1);  // rank 0 only hands out work
    // Only the dispatcher thread calls MPI while it runs (MPI_THREAD_SERIALIZED suffices).
    std::thread serving([&] { dispatcher.serve(session.size() - 1); });
    for (int item; (item = dispatcher.take()) >= 0;) dispatcher.report(item, runItem(work, item));
    serving.join();
}

int broadcast(const Session&, int code) {
    // Polled, not MPI_Bcast: ranks done early would otherwise spin a core while rank 0 still renders.
    MPI_Request request;
    MPI_Ibcast(&code, 1, MPI_INT, 0, MPI_COMM_WORLD, &request);
    for (int done = 0; MPI_Test(&request, &done, MPI_STATUS_IGNORE), !done;)
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    return code;
}

#endif

}  // namespace bragg::cli::mpi
