#include "io/AtomicFile.h"

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <ios>
#include <streambuf>
#include <system_error>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/Error.h"

namespace bragg::io {

namespace {

std::string describe(int err) { return std::generic_category().message(err); }

[[noreturn]] void failWrite(const std::string& path, int err) {
    throw inputError(path + ": cannot write: " + describe(err));
}

// Write all of [data, data+size) to fd; returns 0 or the errno of the failure.
int writeAll(int fd, const char* data, std::size_t size) {
    while (size > 0) {
        ssize_t n = ::write(fd, data, size);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return errno;
        data += n;
        size -= std::size_t(n);
    }
    return 0;
}

// Minimal buffered streambuf over a POSIX fd: iostreams hide errno and cannot fsync.
class FdStreamBuf : public std::streambuf {
public:
    explicit FdStreamBuf(int fd) : fd_(fd) { setp(buf_, buf_ + sizeof buf_); }
    int error() const { return error_; }

protected:
    int_type overflow(int_type ch) override {
        if (!flushBuffer()) return traits_type::eof();
        if (!traits_type::eq_int_type(ch, traits_type::eof())) {
            *pptr() = traits_type::to_char_type(ch);
            pbump(1);
        }
        return traits_type::not_eof(ch);
    }
    std::streamsize xsputn(const char* s, std::streamsize n) override {
        if (n >= std::streamsize(sizeof buf_)) {  // large blocks bypass the buffer
            if (!flushBuffer()) return 0;
            if ((error_ = writeAll(fd_, s, std::size_t(n))) != 0) return 0;
            return n;
        }
        return std::streambuf::xsputn(s, n);
    }
    int sync() override { return flushBuffer() ? 0 : -1; }

private:
    bool flushBuffer() {
        if (error_ != 0) return false;
        std::size_t pending = std::size_t(pptr() - pbase());
        if (pending > 0 && (error_ = writeAll(fd_, pbase(), pending)) != 0) return false;
        setp(buf_, buf_ + sizeof buf_);
        return true;
    }

    int fd_;
    int error_ = 0;
    char buf_[1 << 16];
};

// Opens a new, uniquely named temp file next to `path` (O_EXCL: never reuses an existing one).
int openTemp(const std::string& path, std::string& tempPath) {
    static std::atomic<unsigned long> counter{0};
    for (int attempt = 0; attempt < 100; ++attempt) {
        tempPath =
            path + ".tmp." + std::to_string(long(::getpid())) + "." + std::to_string(counter.fetch_add(1));
        int fd = ::open(tempPath.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd >= 0 || errno != EEXIST) return fd;
    }
    errno = EEXIST;
    return -1;
}

// Where the bytes go: `path` itself for a target that exists and is not a regular file (a device,
// a FIFO: written in place, `direct`), the file a symbolic link names, or `path`.
struct OutputTarget {
    std::string path;
    bool direct = false;
};
OutputTarget outputTarget(const std::string& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode)) return {path, true};
    struct stat link {};
    if (::lstat(path.c_str(), &link) == 0 && S_ISLNK(link.st_mode)) {
        std::error_code ec;
        const std::filesystem::path target = std::filesystem::weakly_canonical(path, ec);
        if (!ec) return {target.string(), false};
    }
    return {path, false};
}

// Opens an existing non-regular target for writing in place.
int openDirect(const std::string& path) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
    if (fd < 0) failWrite(path, errno);
    return fd;
}

// Make the rename itself durable; best effort (some file systems refuse fsync on a directory).
void syncParentDirectory(const std::string& path) {
    std::size_t slash = path.find_last_of('/');
    std::string dir = slash == std::string::npos ? "." : (slash == 0 ? "/" : path.substr(0, slash));
    int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) {
        ::fsync(dfd);
        ::close(dfd);
    }
}

// Streams `writer` into fd; throws as writeFileAtomically documents for `reported` as the path.
void streamInto(int fd, const std::string& reported, const std::function<void(std::ostream&)>& writer) {
    FdStreamBuf buf(fd);
    std::ostream os(&buf);
    try {
        writer(os);
    } catch (const std::ios_base::failure&) {
        // The writer enabled stream exceptions: report the underlying errno instead.
        if (buf.error() != 0) failWrite(reported, buf.error());
        throw;
    }
    os.flush();
    if (buf.error() != 0) failWrite(reported, buf.error());
    if (!os) failWrite(reported, EIO);  // the writer put the stream into a failed state
}

// Copies the file at `from` into the open target fd (a device or FIFO).
void copyInto(const std::string& from, int fd, const std::string& reported) {
    const int in = ::open(from.c_str(), O_RDONLY | O_CLOEXEC);
    if (in < 0) failWrite(reported, errno);
    char block[1 << 16];
    for (;;) {
        const ssize_t n = ::read(in, block, sizeof block);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            const int err = n < 0 ? errno : 0;
            ::close(in);
            if (err != 0) failWrite(reported, err);
            return;
        }
        if (const int err = writeAll(fd, block, std::size_t(n)); err != 0) {
            ::close(in);
            failWrite(reported, err);
        }
    }
}

}  // namespace

void writeFileAtomically(const std::string& requested, const std::function<void(std::ostream&)>& writer) {
    const auto [path, direct] = outputTarget(requested);
    if (direct) {
        const int fd = openDirect(path);
        try {
            streamInto(fd, path, writer);
        } catch (...) {
            ::close(fd);
            throw;
        }
        if (::close(fd) != 0) failWrite(path, errno);
        return;
    }
    std::string tempPath;
    int fd = openTemp(path, tempPath);
    if (fd < 0) failWrite(path, errno);
    try {
        streamInto(fd, path, writer);
        if (::fsync(fd) != 0) failWrite(path, errno);
        int closeResult = ::close(fd);
        fd = -1;
        if (closeResult != 0) failWrite(path, errno);
        if (::rename(tempPath.c_str(), path.c_str()) != 0) failWrite(path, errno);
    } catch (...) {
        if (fd >= 0) ::close(fd);
        ::unlink(tempPath.c_str());
        throw;
    }
    syncParentDirectory(path);
}

PendingFile::PendingFile(const std::string& path) {
    const OutputTarget target = outputTarget(path);
    path_ = target.path, direct_ = target.direct;
    // A library needs a regular file to fill: for a device or FIFO it is made in the temporary
    // folder and copied into the target on publish().
    const std::filesystem::path tempDir = std::filesystem::temp_directory_path();
    const std::string near = direct_ ? (tempDir / std::filesystem::path(path_).filename()).string() : path_;
    int fd = openTemp(near, tempPath_);
    if (fd < 0) failWrite(path_, errno);
    ::close(fd);
}

PendingFile::~PendingFile() {
    if (!published_) ::unlink(tempPath_.c_str());
}

void PendingFile::publish() {
    if (direct_) {
        const int fd = openDirect(path_);
        try {
            copyInto(tempPath_, fd, path_);
        } catch (...) {
            ::close(fd);
            throw;
        }
        if (::close(fd) != 0) failWrite(path_, errno);
        ::unlink(tempPath_.c_str());
        published_ = true;
        return;
    }
    int fd = ::open(tempPath_.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) failWrite(path_, errno);
    const int syncError = ::fsync(fd) != 0 ? errno : 0;
    ::close(fd);
    if (syncError != 0) failWrite(path_, syncError);
    if (::rename(tempPath_.c_str(), path_.c_str()) != 0) failWrite(path_, errno);
    published_ = true;
    syncParentDirectory(path_);
}

void writeFileAtomicallyByName(const std::string& path,
                               const std::function<void(const std::string&)>& writer) {
    PendingFile file(path);
    writer(file.tempPath());
    file.publish();
}

void writeFileAtomically(const std::string& path, std::string_view bytes) {
    writeFileAtomically(path,
                        [bytes](std::ostream& os) { os.write(bytes.data(), std::streamsize(bytes.size())); });
}

void writeFileAtomically(const std::string& path, std::span<const std::byte> bytes) {
    writeFileAtomically(path, std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
}

}  // namespace bragg::io
