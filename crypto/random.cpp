// The operating system's random generator, getrandom(2).
//
// getrandom blocks only until the kernel's pool has been seeded once after boot, then never again;
// it needs no file descriptor (so it works in a chroot or when descriptors run out), which is why
// it is preferred to reading /dev/urandom. It may return fewer bytes than asked (for requests above
// 256 bytes, when a signal arrives) or fail with EINTR: both mean "ask again for the rest".
#include <sys/random.h>

#include <cerrno>
#include <cstring>
#include <string>

#include "crypto/error.h"
#include "crypto/random.h"

namespace lucid::crypto {

void OsRandom::fill(MutableByteView out) {
    while (!out.empty()) {
        const ssize_t got = ::getrandom(out.data(), out.size(), 0);
        if (got < 0) {
            if (errno == EINTR) continue;
            throw Error(std::string("getrandom failed: ") + std::strerror(errno));
        }
        out = out.subspan(static_cast<std::size_t>(got));
    }
}

RandomSource& os_random() {
    static OsRandom source;
    return source;
}

}  // namespace lucid::crypto
