#include "io/FileBytes.h"

#include <cerrno>
#include <system_error>

#include <fcntl.h>
#include <unistd.h>

#include "core/Error.h"

namespace bragg::io {

std::string readFileBytes(const std::string& path) {
    // POSIX calls rather than iostreams so the message can give the real reason (errno).
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) throw inputError(path + ": cannot open: " + std::generic_category().message(errno));
    std::string bytes;
    char buf[1 << 16];
    for (;;) {
        ssize_t n = ::read(fd, buf, sizeof buf);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            int err = errno;
            ::close(fd);
            throw inputError(path + ": cannot read: " + std::generic_category().message(err));
        }
        if (n == 0) break;
        bytes.append(buf, std::size_t(n));
    }
    ::close(fd);
    return bytes;
}

}  // namespace bragg::io
