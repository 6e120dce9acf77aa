#pragma once
// Crash-safe output files: data goes to a temporary file in the target's directory, which is
// flushed, fsync'ed and renamed over the target only when complete. An interrupted run never
// leaves a truncated file under the final name (a SIGKILL can leave a "<path>.tmp.*" behind).
// A target that exists and is not a regular file (/dev/null, a FIFO, /dev/stdout) is written
// in place, never replaced; a symbolic link is kept and the file it names is written.
#include <cstddef>
#include <functional>
#include <ostream>
#include <span>
#include <string>
#include <string_view>

namespace bragg::io {

// Calls `writer` with a binary stream to the temporary file "<path>.tmp.<pid>.<n>", then
// publishes it as `path`. I/O failures (open, write, fsync, close, rename) remove the temporary
// file and throw inputError("<path>: cannot write: <reason>"). An exception thrown by `writer`
// removes the temporary file and propagates unchanged (so e.g. a cancellation keeps its kind).
void writeFileAtomically(const std::string& path, const std::function<void(std::ostream&)>& writer);

// For C libraries that write a file by name (libtiff, CBFlib, HDF5): a temporary file next to
// `path` (created empty) that a library fills over as many calls as it needs; publish() fsyncs
// it and renames it over `path`. Destroyed unpublished (an error, an exception), it is removed.
class PendingFile {
public:
    explicit PendingFile(const std::string& path);  // inputError if the temporary file cannot be created
    ~PendingFile();
    PendingFile(const PendingFile&) = delete;
    PendingFile& operator=(const PendingFile&) = delete;
    const std::string& tempPath() const { return tempPath_; }
    void publish();

private:
    std::string path_, tempPath_;
    bool direct_ = false;  // the target is a device or FIFO: publish() copies into it
    bool published_ = false;
};

// One-call form: `writer` gets the temporary file's name and writes it; then it is published.
void writeFileAtomicallyByName(const std::string& path,
                               const std::function<void(const std::string&)>& writer);

// Same, for data already in memory.
void writeFileAtomically(const std::string& path, std::string_view bytes);
void writeFileAtomically(const std::string& path, std::span<const std::byte> bytes);

}  // namespace bragg::io
