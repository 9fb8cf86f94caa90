#include "tools/socket_loop.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <iostream>
#include <vector>

#include "crypto/error.h"

namespace lucid::tools {

namespace {

using SteadyClock = std::chrono::steady_clock;
using TimePoint = SteadyClock::time_point;

// One read: a whole record of the largest kind (RFC 5246 §6.2.3: 5-byte header + 2^14 + 2048).
constexpr std::size_t read_chunk = 5 + (1u << 14) + 2048;
// Above this much unsent output for one peer we stop reading from it (an --echo client that
// sends but never reads cannot make the server buffer without bound).
constexpr std::size_t max_pending_output = 1u << 20;

std::string errno_text() { return std::strerror(errno); }

std::string seconds_text(Milliseconds ms) {
    const auto n = ms.count();
    if (n % 1000 == 0) return std::to_string(n / 1000) + " s";
    return std::to_string(n) + " ms";
}

class FileDescriptor {
public:
    FileDescriptor() = default;
    explicit FileDescriptor(int fd) : fd_(fd) {}
    FileDescriptor(FileDescriptor&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
    FileDescriptor& operator=(FileDescriptor&& other) noexcept {
        if (this != &other) {
            reset();
            fd_ = std::exchange(other.fd_, -1);
        }
        return *this;
    }
    FileDescriptor(const FileDescriptor&) = delete;
    FileDescriptor& operator=(const FileDescriptor&) = delete;
    ~FileDescriptor() { reset(); }
    int get() const { return fd_; }
    void reset() {
        if (fd_ >= 0) ::close(fd_);
        fd_ = -1;
    }

private:
    int fd_ = -1;
};

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

int poll_timeout(TimePoint now, TimePoint deadline) {
    if (deadline == TimePoint::max()) return -1;
    if (deadline <= now) return 0;
    const auto ms = std::chrono::ceil<std::chrono::milliseconds>(deadline - now).count();
    return static_cast<int>(std::min<long long>(ms, 60'000));
}

// TCP connect with a deadline, trying each address of the name in turn (localhost may be ::1
// and 127.0.0.1; a server may listen on only one of them).
FileDescriptor connect_tcp(const Endpoint& server, Milliseconds timeout) {
    const AddressList addresses(server, false);
    const TimePoint deadline = SteadyClock::now() + timeout;
    std::string last_error = "no address";
    for (const addrinfo* a = addresses.first(); a != nullptr; a = a->ai_next) {
        FileDescriptor fd(::socket(a->ai_family, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0));
        if (fd.get() < 0) {
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
            rc = ::poll(&p, 1, poll_timeout(SteadyClock::now(), deadline));
        } while (rc < 0 && errno == EINTR);
        if (rc == 0) {
            last_error = "no answer within " + seconds_text(timeout);
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

FileDescriptor listen_tcp(const Endpoint& where, Endpoint& bound) {
    const AddressList addresses(where, true);
    const addrinfo* a = addresses.first();
    FileDescriptor fd(::socket(a->ai_family, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0));
    const std::string what = "cannot listen on " + format_endpoint(where) + ": ";
    if (fd.get() < 0) throw Error(what + errno_text());
    const int yes = 1;
    ::setsockopt(fd.get(), SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    if (::bind(fd.get(), a->ai_addr, a->ai_addrlen) != 0) throw Error(what + errno_text());
    if (::listen(fd.get(), 128) != 0) throw Error(what + errno_text());
    sockaddr_storage address{};
    socklen_t length = sizeof address;
    ::getsockname(fd.get(), reinterpret_cast<sockaddr*>(&address), &length);
    bound = numeric_endpoint(reinterpret_cast<sockaddr*>(&address), length);
    return fd;
}

// One TCP connection driven by one engine. See the comment at the top of socket_loop.h.
class Connection {
public:
    Connection(FileDescriptor fd, Session& session, const Timeouts& timeouts)
        : fd_(std::move(fd)), session_(session), timeouts_(timeouts) {
        started_ = last_activity_ = last_received_ = SteadyClock::now();
    }

    int fd() const { return fd_.get(); }
    bool finished() const { return phase_ == Phase::finished; }
    const Outcome& outcome() const { return outcome_; }
    handshake::Engine& engine() { return session_.engine(); }
    bool backlogged() const { return pending() > max_pending_output; }
    bool running() const { return phase_ == Phase::running && !forced_; }
    TimePoint last_received() const { return last_received_; }
    TimePoint established_at() const { return established_at_; }

    short wanted_events() const {
        short events = 0;
        if (phase_ == Phase::draining) return POLLIN;
        if (!peer_eof_ && !backlogged()) events |= POLLIN;
        if (pending() > 0) events |= POLLOUT;
        return events;
    }

    // Moves the engine's output into the send buffer and its events to the session, until
    // neither has anything more (a session's send() makes new output), then tries to send.
    void pump() {
        if (phase_ != Phase::running) return;
        try {
            for (;;) {
                Bytes out = engine().take_output();
                std::vector<handshake::Event> events = engine().take_events();
                if (out.empty() && events.empty()) break;
                append(outbox_, out);
                for (const handshake::Event& e : events) {
                    if (e.kind == handshake::Event::Kind::handshake_complete) {
                        outcome_.handshake_complete = true;
                        established_at_ = last_activity_ = SteadyClock::now();
                    }
                    session_.on_event(e);
                }
            }
        } catch (const std::exception& e) {
            // Not a protocol failure (those are engine states): a programming error or a local
            // problem such as an unwritable --keylog file. Stop this connection, say why.
            if (outcome_.socket_error.empty()) outcome_.socket_error = e.what();
            engine().close();
            append(outbox_, engine().take_output());
            force_close(SteadyClock::now());
        }
        if (engine().state() == handshake::State::closing && !closing_since_) closing_since_ = SteadyClock::now();
        send_pending();
        advance();
    }

    void handle(short revents) {
        if (phase_ == Phase::finished) return;
        if (revents & (POLLIN | POLLHUP | POLLERR)) receive();
        if (phase_ == Phase::running && (revents & (POLLOUT | POLLERR))) send_pending();
        if (phase_ == Phase::running) pump();
        advance();
    }

    TimePoint next_deadline() const {
        switch (phase_) {
        case Phase::finished:
            return TimePoint::max();
        case Phase::draining:
            return drain_deadline_;
        case Phase::running:
            break;
        }
        if (forced_) return forced_deadline_;
        if (!outcome_.handshake_complete) return started_ + timeouts_.handshake;
        if (closing_since_) return *closing_since_ + timeouts_.close;
        return last_activity_ + timeouts_.idle;
    }

    void check_deadline(TimePoint now) {
        if (phase_ == Phase::finished || now < next_deadline()) return;
        if (phase_ == Phase::draining || forced_) {
            finish();
            return;
        }
        if (!outcome_.handshake_complete) {
            outcome_.timeout = "the handshake did not finish within " + seconds_text(timeouts_.handshake);
        } else if (!closing_since_) {
            outcome_.timeout = "nothing was sent or received for " + seconds_text(timeouts_.idle);
        }
        // else: we sent close_notify and the peer did not answer in time; RFC 5246 §7.2.1 lets
        // the initiator close without waiting, so that is no failure.
        engine().close();
        append(outbox_, engine().take_output());
        force_close(now);
        send_pending();
        advance();
    }

private:
    enum class Phase { running, draining, finished };

    std::size_t pending() const { return outbox_.size() - sent_; }

    void force_close(TimePoint now) {
        forced_ = true;
        forced_deadline_ = now + timeouts_.close;
    }

    void receive() {
        static thread_local std::vector<std::uint8_t> buffer(read_chunk);
        const ssize_t n = ::recv(fd_.get(), buffer.data(), buffer.size(), MSG_DONTWAIT);
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) return;
        if (phase_ == Phase::draining) {
            if (n <= 0) finish();
            return;
        }
        if (n > 0) {
            last_activity_ = last_received_ = SteadyClock::now();
            if (!forced_) engine().receive(ByteView(buffer.data(), static_cast<std::size_t>(n)));
            return;
        }
        // n == 0 (EOF) or an error such as ECONNRESET: either way the peer is gone.
        peer_eof_ = true;
        if (!forced_) engine().transport_closed();
    }

    void send_pending() {
        while (pending() > 0 && phase_ == Phase::running) {
            const ssize_t n = ::send(fd_.get(), outbox_.data() + sent_, pending(), MSG_NOSIGNAL | MSG_DONTWAIT);
            if (n > 0) {
                sent_ += static_cast<std::size_t>(n);
                last_activity_ = SteadyClock::now();
                continue;
            }
            if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return;
            if (n < 0 && errno == EINTR) continue;
            if (outcome_.socket_error.empty()) outcome_.socket_error = "send: " + errno_text();
            finish();
            return;
        }
        if (pending() == 0) {
            outbox_.clear();
            sent_ = 0;
        }
    }

    // Once the engine is done (or we gave up on it) and everything is sent: half-close, then
    // read until the peer closes, so the kernel never answers unread input with a reset.
    void advance() {
        if (phase_ != Phase::running || pending() > 0) return;
        const bool engine_done = engine().is_done() || forced_ || peer_eof_;
        if (!engine_done) return;
        if (peer_eof_) {
            finish();
            return;
        }
        ::shutdown(fd_.get(), SHUT_WR);
        phase_ = Phase::draining;
        drain_deadline_ = SteadyClock::now() + timeouts_.close;
    }

    void finish() {
        if (phase_ == Phase::finished) return;
        phase_ = Phase::finished;
        outcome_.failure = engine().failure();
        fd_.reset();
    }

    FileDescriptor fd_;
    Session& session_;
    Timeouts timeouts_;
    Phase phase_ = Phase::running;
    Bytes outbox_;
    std::size_t sent_ = 0;
    bool peer_eof_ = false;
    bool forced_ = false;  // we stopped waiting for the engine: send what is queued, then close
    TimePoint started_, last_activity_, last_received_, established_at_, forced_deadline_, drain_deadline_;
    std::optional<TimePoint> closing_since_;
    Outcome outcome_;
};

}  // namespace

Outcome run_client(Session& session, const ClientLoopOptions& options) {
    Connection connection(connect_tcp(options.server, options.timeouts.connect), session, options.timeouts);
    handshake::Engine& engine = session.engine();
    engine.start();
    connection.pump();

    bool input_open = options.input_fd >= 0;
    TimePoint input_ended{};
    bool close_requested = false;
    std::vector<std::uint8_t> buffer(1u << 14);
    while (!connection.finished()) {
        const bool want_input = input_open && engine.can_send() && connection.running() && !connection.backlogged();
        std::array<pollfd, 2> fds{};
        fds[0] = {connection.fd(), connection.wanted_events(), 0};
        fds[1] = {options.input_fd, POLLIN, 0};
        TimePoint deadline = connection.next_deadline();
        // RFC 5246 §7.2.1 lets either side close; we wait for the answer to what we sent first.
        const bool lingering = !input_open && !close_requested && engine.can_send();
        TimePoint linger_deadline = TimePoint::max();
        if (lingering) {
            linger_deadline =
                std::max({input_ended, connection.last_received(), connection.established_at()}) + options.linger;
            deadline = std::min(deadline, linger_deadline);
        }
        const int rc = ::poll(fds.data(), want_input ? 2 : 1, poll_timeout(SteadyClock::now(), deadline));
        if (rc < 0 && errno != EINTR) throw Error("poll: " + errno_text());
        const TimePoint now = SteadyClock::now();
        if (rc > 0 && fds[0].revents != 0) connection.handle(fds[0].revents);
        if (rc > 0 && want_input && fds[1].revents != 0 && engine.can_send()) {
            const ssize_t n = ::read(options.input_fd, buffer.data(), buffer.size());
            if (n > 0) {
                engine.send(ByteView(buffer.data(), static_cast<std::size_t>(n)));
                connection.pump();
            } else if (n == 0 || (errno != EAGAIN && errno != EINTR)) {
                input_open = false;
                input_ended = now;
            }
        }
        if (lingering && now >= linger_deadline && !connection.finished() && engine.can_send()) {
            engine.close();
            close_requested = true;
            connection.pump();
        }
        connection.check_deadline(now);
    }
    session.on_end(connection.outcome());
    return connection.outcome();
}

ServerSummary run_server(const ServerLoopOptions& options) {
    Endpoint bound;
    FileDescriptor listener = listen_tcp(options.accept, bound);
    if (options.on_listening) options.on_listening(bound);

    struct Entry {
        std::unique_ptr<Session> session;
        std::unique_ptr<Connection> connection;
    };
    std::vector<Entry> entries;
    ServerSummary summary;
    std::size_t accepted = 0;
    TimePoint accept_paused_until{};
    const std::size_t max_concurrent = std::max<std::size_t>(options.max_concurrent, 1);

    for (;;) {
        const bool more_allowed = options.max_connections == 0 || accepted < options.max_connections;
        if (!more_allowed && entries.empty()) break;
        const TimePoint before = SteadyClock::now();
        const bool accepting = more_allowed && entries.size() < max_concurrent && before >= accept_paused_until;

        std::vector<pollfd> fds;
        fds.reserve(entries.size() + 1);
        for (Entry& e : entries) fds.push_back({e.connection->fd(), e.connection->wanted_events(), 0});
        if (accepting) fds.push_back({listener.get(), POLLIN, 0});
        // Wake up when accepting may resume after a pause (too many open files); otherwise only
        // the connections' own deadlines matter.
        TimePoint deadline = before < accept_paused_until ? accept_paused_until : TimePoint::max();
        for (Entry& e : entries) deadline = std::min(deadline, e.connection->next_deadline());

        const int rc = ::poll(fds.data(), fds.size(), poll_timeout(before, deadline));
        if (rc < 0 && errno != EINTR) throw Error("poll: " + errno_text());
        const TimePoint now = SteadyClock::now();

        for (std::size_t i = 0; i < entries.size(); ++i) {
            if (rc > 0 && fds[i].revents != 0) entries[i].connection->handle(fds[i].revents);
            entries[i].connection->check_deadline(now);
        }
        // Finished connections: tell their session, count them, forget them.
        std::erase_if(entries, [&](Entry& e) {
            if (!e.connection->finished()) return false;
            const Outcome& outcome = e.connection->outcome();
            e.session->on_end(outcome);
            ++summary.connections;
            if (!outcome.ok()) ++summary.failed;
            return true;
        });

        if (!accepting || rc <= 0 || fds.back().revents == 0) continue;
        while ((options.max_connections == 0 || accepted < options.max_connections) && entries.size() < max_concurrent) {
            sockaddr_storage address{};
            socklen_t length = sizeof address;
            FileDescriptor fd(::accept4(listener.get(), reinterpret_cast<sockaddr*>(&address), &length,
                                        SOCK_NONBLOCK | SOCK_CLOEXEC));
            if (fd.get() < 0) {
                if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM) {
                    accept_paused_until = now + std::chrono::milliseconds(100);  // no busy loop
                }
                break;
            }
            ++accepted;
            const Endpoint peer = numeric_endpoint(reinterpret_cast<sockaddr*>(&address), length);
            try {
                Entry entry;
                entry.session = options.new_session(accepted, peer);
                entry.connection = std::make_unique<Connection>(std::move(fd), *entry.session, options.timeouts);
                entry.session->engine().start();
                entry.connection->pump();
                entries.push_back(std::move(entry));
            } catch (const std::exception& e) {
                std::cerr << "lucid server: connection " << accepted << " from " << format_endpoint(peer)
                          << ": " << e.what() << "\n";
                ++summary.connections;
                ++summary.failed;
            }
        }
    }
    return summary;
}

}  // namespace lucid::tools
