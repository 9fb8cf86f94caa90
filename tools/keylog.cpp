#include "tools/keylog.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "crypto/error.h"
#include "crypto/hex.h"

namespace lucid::tools {

std::string keylog_line(const handshake::SessionInfo& session) {
    if (!session.has_master_secret()) return {};
    const Bytes master = session.reveal_master_secret_for_keylog();
    return "CLIENT_RANDOM " + to_hex(session.client_random) + " " + to_hex(master);
}

void append_keylog(const std::string& path, const handshake::SessionInfo& session) {
    const std::string line = keylog_line(session);
    if (line.empty()) return;
    const std::string text = line + "\n";
    // O_APPEND: one write() per line, so lines of concurrent connections never interleave.
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    if (fd < 0) throw Error("cannot open key log file " + path + ": " + std::strerror(errno));
    const ssize_t written = ::write(fd, text.data(), text.size());
    const int saved = errno;
    ::close(fd);
    if (written != static_cast<ssize_t>(text.size())) {
        throw Error("cannot write key log file " + path + ": " + std::strerror(saved));
    }
}

}  // namespace lucid::tools
