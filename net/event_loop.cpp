#include "net/event_loop.h"

#include <poll.h>
#include <sys/epoll.h>

#include <cerrno>
#include <cstring>
#include <string>

#include "crypto/error.h"

namespace lucid::net {

namespace {

// poll() and epoll name the same conditions with different constants; translate, do not assume.
std::uint32_t to_epoll(short events) {
    std::uint32_t e = 0;
    if (events & POLLIN) e |= EPOLLIN;
    if (events & POLLOUT) e |= EPOLLOUT;
    return e;
}

short from_epoll(std::uint32_t e) {
    short r = 0;
    if (e & EPOLLIN) r |= POLLIN;
    if (e & EPOLLOUT) r |= POLLOUT;
    if (e & EPOLLHUP) r |= POLLHUP;
    if (e & EPOLLERR) r |= POLLERR;
    if (e & EPOLLRDHUP) r |= POLLIN;  // the peer half-closed: reading returns the EOF
    return r;
}

[[noreturn]] void fail(const char* what) { throw Error(std::string(what) + ": " + std::strerror(errno)); }

}  // namespace

EventLoop::EventLoop() : epoll_(::epoll_create1(EPOLL_CLOEXEC)) {
    if (!epoll_.valid()) fail("epoll_create1");
}

bool EventLoop::add(int fd, short events, std::uint64_t key) {
    epoll_event e{};
    e.events = to_epoll(events);
    e.data.u64 = key;
    if (::epoll_ctl(epoll_.get(), EPOLL_CTL_ADD, fd, &e) == 0) return true;
    if (errno == EPERM) return false;
    fail("epoll_ctl(ADD)");
}

void EventLoop::modify(int fd, short events, std::uint64_t key) {
    epoll_event e{};
    e.events = to_epoll(events);
    e.data.u64 = key;
    if (::epoll_ctl(epoll_.get(), EPOLL_CTL_MOD, fd, &e) != 0) fail("epoll_ctl(MOD)");
}

void EventLoop::remove(int fd) { ::epoll_ctl(epoll_.get(), EPOLL_CTL_DEL, fd, nullptr); }

std::vector<EventLoop::Ready> EventLoop::wait(int timeout_ms) {
    // At most this many per call; the rest stay ready (level-triggered) for the next call.
    epoll_event events[256];
    const int n = ::epoll_wait(epoll_.get(), events, 256, timeout_ms);
    if (n < 0) {
        if (errno == EINTR) return {};
        fail("epoll_wait");
    }
    std::vector<Ready> ready;
    ready.reserve(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) ready.push_back({events[i].data.u64, from_epoll(events[i].events)});
    return ready;
}

}  // namespace lucid::net
