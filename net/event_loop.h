// Readiness for many descriptors at once: Linux epoll(7), in the poll() vocabulary of
// net/connection.h (POLLIN/POLLOUT/POLLHUP/POLLERR), so a Connection does not know which one waits.
//
// Why not poll(): poll() hands the kernel the whole list on every call, so a server holding
// 10,000 idle connections pays for all of them each time one good client sends a byte. epoll
// keeps the interest list in the kernel and returns only the ready descriptors.
//
// Level-triggered (the default of epoll): a descriptor stays ready until it is read, like poll().
#pragma once

#include <cstdint>
#include <vector>

#include "net/socket.h"

namespace lucid::net {

class EventLoop {
public:
    struct Ready {
        std::uint64_t key;  // what add() was given
        short revents;      // POLLIN | POLLOUT | POLLHUP | POLLERR
    };

    EventLoop();  // throws lucid::Error "epoll_create1: ..."

    // Watches `fd` for `events` (POLLIN/POLLOUT; errors and hang-ups always). Returns false when
    // the descriptor cannot be watched (EPERM: a regular file, always ready for poll()).
    bool add(int fd, short events, std::uint64_t key);
    void modify(int fd, short events, std::uint64_t key);
    void remove(int fd);  // before closing a descriptor that may have been dup()ed; close() suffices otherwise

    // Waits up to `timeout_ms` (-1: forever) and returns the ready descriptors (EINTR: none).
    std::vector<Ready> wait(int timeout_ms);

private:
    Socket epoll_;
};

}  // namespace lucid::net
