#include "net/socket.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>

#include "crypto/error.h"

namespace lucid::net {

namespace {

using SteadyClock = std::chrono::steady_clock;

std::string errno_text() { return std::strerror(errno); }

class AddressList {
public:
    AddressList(const Endpoint& e, bool passive) {
        addrinfo hints{};
        hints.ai_family = AF_UNSPEC;
        hints.ai_socktype = SOCK_STREAM;
        hints.ai_flags = AI_NUMERICSERV | (passive ? AI_PASSIVE : 0);
        const std::string port = std::to_string(e.port);
        const int rc = ::getaddrinfo(e.host.c_str(), port.c_str(), &hints, &list_);
        if (rc != 0) throw Error("cannot resolve '" + e.host + "': " + ::gai_strerror(rc));
    }
    ~AddressList() {
        if (list_) ::freeaddrinfo(list_);
    }
    AddressList(const AddressList&) = delete;
    AddressList& operator=(const AddressList&) = delete;
    const addrinfo* first() const { return list_; }

private:
    addrinfo* list_ = nullptr;
};

Endpoint numeric_endpoint(const sockaddr* address, socklen_t length) {
    std::array<char, NI_MAXHOST> host{};
    std::array<char, NI_MAXSERV> port{};
    if (::getnameinfo(address, length, host.data(), host.size(), port.data(), port.size(),
                      NI_NUMERICHOST | NI_NUMERICSERV) != 0) {
        return {"?", 0};
    }
    return {host.data(), static_cast<std::uint16_t>(std::stoi(port.data()))};
}

int remaining_ms(SteadyClock::time_point deadline) {
    const auto left = std::chrono::ceil<Milliseconds>(deadline - SteadyClock::now()).count();
    return static_cast<int>(std::clamp<long long>(left, 0, 60'000));
}

}  // namespace

std::string format_endpoint(const Endpoint& e) {
    const bool v6 = e.host.find(':') != std::string::npos;
    return (v6 ? "[" + e.host + "]" : e.host) + ":" + std::to_string(e.port);
}

std::string duration_text(Milliseconds ms) {
    const auto n = ms.count();
    if (n % 1000 == 0) return std::to_string(n / 1000) + " s";
    return std::to_string(n) + " ms";
}

Socket& Socket::operator=(Socket&& other) noexcept {
    if (this != &other) {
        reset();
        fd_ = std::exchange(other.fd_, -1);
    }
    return *this;
}

void Socket::reset() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
}

Socket connect_tcp(const Endpoint& server, Milliseconds timeout) {
    const AddressList addresses(server, false);
    const auto deadline = SteadyClock::now() + timeout;
    std::string last_error = "no address";
    for (const addrinfo* a = addresses.first(); a != nullptr; a = a->ai_next) {
        Socket fd(::socket(a->ai_family, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0));
        if (!fd.valid()) {
            last_error = errno_text();
            continue;
        }
        if (::connect(fd.get(), a->ai_addr, a->ai_addrlen) == 0) return fd;
        if (errno != EINPROGRESS) {
            last_error = errno_text();
            continue;
        }
        pollfd p{fd.get(), POLLOUT, 0};
        int rc;
        do {
            rc = ::poll(&p, 1, remaining_ms(deadline));
        } while (rc < 0 && errno == EINTR && SteadyClock::now() < deadline);
        if (rc == 0) {
            last_error = "no answer within " + duration_text(timeout);
            break;
        }
        int error = 0;
        socklen_t length = sizeof error;
        ::getsockopt(fd.get(), SOL_SOCKET, SO_ERROR, &error, &length);
        if (error == 0) return fd;
        last_error = std::strerror(error);
    }
    throw Error("cannot connect to " + format_endpoint(server) + ": " + last_error);
}

Listener listen_tcp(const Endpoint& where) {
    const AddressList addresses(where, true);
    const addrinfo* a = addresses.first();
    Socket fd(::socket(a->ai_family, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0));
    const std::string what = "cannot listen on " + format_endpoint(where) + ": ";
    if (!fd.valid()) throw Error(what + errno_text());
    const int yes = 1;
    ::setsockopt(fd.get(), SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    if (::bind(fd.get(), a->ai_addr, a->ai_addrlen) != 0) throw Error(what + errno_text());
    if (::listen(fd.get(), listen_backlog) != 0) throw Error(what + errno_text());
    sockaddr_storage address{};
    socklen_t length = sizeof address;
    ::getsockname(fd.get(), reinterpret_cast<sockaddr*>(&address), &length);
    return {std::move(fd), numeric_endpoint(reinterpret_cast<sockaddr*>(&address), length)};
}

std::optional<Accepted> accept_tcp(const Socket& listener, bool* resource_shortage) {
    sockaddr_storage address{};
    socklen_t length = sizeof address;
    Socket fd(::accept4(listener.get(), reinterpret_cast<sockaddr*>(&address), &length, SOCK_NONBLOCK | SOCK_CLOEXEC));
    if (!fd.valid()) {
        if (resource_shortage) {
            *resource_shortage = errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM;
        }
        return std::nullopt;
    }
    return Accepted{std::move(fd), numeric_endpoint(reinterpret_cast<sockaddr*>(&address), length)};
}

int raise_descriptor_limit() {
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) != 0) return 1024;
    if (limit.rlim_cur < limit.rlim_max) {
        rlimit raised = limit;
        raised.rlim_cur = limit.rlim_max;
        if (::setrlimit(RLIMIT_NOFILE, &raised) == 0) limit = raised;
    }
    return limit.rlim_cur > 1'000'000 ? 1'000'000 : static_cast<int>(limit.rlim_cur);
}

Accepted accept_tcp_wait(const Socket& listener, Milliseconds timeout) {
    const auto deadline = timeout.count() < 0 ? SteadyClock::time_point::max() : SteadyClock::now() + timeout;
    for (;;) {
        bool shortage = false;
        if (std::optional<Accepted> a = accept_tcp(listener, &shortage)) return std::move(*a);
        if (SteadyClock::now() >= deadline) throw Error("no connection within " + duration_text(timeout));
        pollfd p{listener.get(), POLLIN, 0};
        int wait = deadline == SteadyClock::time_point::max() ? -1 : remaining_ms(deadline);
        if (shortage) wait = std::min(wait < 0 ? 100 : wait, 100);  // out of descriptors: no busy loop
        if (::poll(shortage ? nullptr : &p, shortage ? 0 : 1, wait) < 0 && errno != EINTR) {
            throw Error("poll: " + errno_text());
        }
    }
}

}  // namespace lucid::net
