// TCP sockets, POSIX: connect with a deadline, listen, accept. The only socket calls of lucidtls
// besides the reads and writes of net/connection.cpp. Sockets are non-blocking; whoever waits
// (net/connection.h) waits with poll() and a deadline, so nothing here can hang forever.
#pragma once

#include <chrono>
#include <optional>
#include <utility>

#include "net/endpoint.h"

namespace lucid::net {

using Milliseconds = std::chrono::milliseconds;

// An open file descriptor, closed once (move-only).
class Socket {
public:
    Socket() = default;
    explicit Socket(int fd) : fd_(fd) {}
    Socket(Socket&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
    Socket& operator=(Socket&& other) noexcept;
    Socket(const Socket&) = delete;
    Socket& operator=(const Socket&) = delete;
    ~Socket() { reset(); }
    int get() const { return fd_; }
    bool valid() const { return fd_ >= 0; }
    // Gives the descriptor away (the caller closes it).
    int release() { return std::exchange(fd_, -1); }
    void reset();

private:
    int fd_ = -1;
};

// TCP connect within `timeout`, trying each address of the name in turn (localhost may be ::1
// and 127.0.0.1; a server may listen on only one of them). Throws lucid::Error
// "cannot connect to HOST:PORT: ...". The socket is non-blocking.
Socket connect_tcp(const Endpoint& server, Milliseconds timeout);

struct Listener {
    Socket socket;   // non-blocking
    Endpoint bound;  // the address actually bound (port 0 resolved)
};
// Connections the kernel completes and queues for accept() (listen(2)'s backlog; Linux caps it at
// net.core.somaxconn, 4096 by default).
constexpr int listen_backlog = 4096;
// Throws lucid::Error "cannot listen on ADDR:PORT: ...".
Listener listen_tcp(const Endpoint& where);

struct Accepted {
    Socket socket;  // non-blocking
    Endpoint peer;
};
// One pending connection, or nothing if none is waiting (EAGAIN). `resource_shortage` is set when
// the process is out of descriptors or memory (EMFILE, ENFILE, ENOBUFS, ENOMEM): the caller should
// pause accepting for a moment instead of spinning.
std::optional<Accepted> accept_tcp(const Socket& listener, bool* resource_shortage = nullptr);
// Waits up to `timeout` (forever if negative) for one connection. Throws lucid::Error on timeout.
Accepted accept_tcp_wait(const Socket& listener, Milliseconds timeout);

// Raises this process's soft RLIMIT_NOFILE to its hard limit (a server holds one descriptor per
// connection; the default soft limit, 1024, is far too low) and returns the soft limit now in force.
int raise_descriptor_limit();

// "10 s", "250 ms"
std::string duration_text(Milliseconds ms);

}  // namespace lucid::net
