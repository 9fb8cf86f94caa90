#include "tools/socket_loop.h"

#include <poll.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <iostream>
#include <map>
#include <optional>
#include <vector>

#include "crypto/error.h"
#include "net/event_loop.h"
#include "net/socket.h"

namespace lucid::tools {

namespace {

using net::Connection;
using net::SteadyClock;
using net::TimePoint;

// What the loop listens to besides its connections: a server's listening socket.
struct Acceptor {
    net::Listener listener;
    const ServerLoopOptions* options = nullptr;
    std::size_t accepted = 0;
    TimePoint paused_until{};  // out of descriptors: try again later, no busy loop
    std::size_t max_concurrent = 1;  // options->max_concurrent within the descriptor limit

    bool more_allowed() const { return options->max_connections == 0 || accepted < options->max_connections; }
};

// What a client sends: its standard input, then close_notify once the server has been quiet.
struct Input {
    int fd = -1;
    Milliseconds linger{};
    bool open = true;
    TimePoint ended{};
    bool close_requested = false;
    bool always_ready = false;  // a regular file: epoll cannot watch it, and a read never blocks
};

class Loop {
public:
    struct Entry {
        std::unique_ptr<Session> owned;  // the server's sessions; the client's belongs to the caller
        Session* session = nullptr;
        std::unique_ptr<Connection> connection;
        short watched = 0;  // the events the EventLoop waits for on it now
    };

    // Keyed by order of arrival, so begin() is the oldest connection (the first one shed).
    std::map<std::uint64_t, Entry> entries;
    std::optional<Acceptor> acceptor;
    std::optional<Input> input;  // feeds entries.begin()
    ServerSummary summary;
    Outcome last_outcome;

    // Starts a connection (the client's engine queues its ClientHello) and adds it.
    void add(net::Socket socket, Session& session, std::unique_ptr<Session> owned, const Timeouts& timeouts) {
        const std::uint64_t key = next_key++;
        Entry entry;
        entry.owned = std::move(owned);
        entry.session = &session;
        entry.connection = std::make_unique<Connection>(std::move(socket), session, timeouts);
        entry.connection->start();
        Entry& e = entries.emplace(key, std::move(entry)).first->second;
        if (!e.connection->finished()) {
            e.watched = e.connection->wanted_events();
            events.add(e.connection->fd(), e.watched, key);
        }
    }

    void watch_listener() {
        if (acceptor) events.add(acceptor->listener.socket.get(), 0, listener_key);
    }
    void watch_input() {
        if (input && input->open && !events.add(input->fd, 0, input_key)) input->always_ready = true;
    }

    void run() {
        while (!entries.empty() || (acceptor && acceptor->more_allowed())) step();
    }

private:
    static constexpr std::uint64_t listener_key = 0;
    static constexpr std::uint64_t input_key = 1;
    std::uint64_t next_key = 2;
    net::EventLoop events;
    short listener_watched = 0;
    short input_watched = 0;

    Connection* first() { return entries.empty() ? nullptr : entries.begin()->second.connection.get(); }

    bool wants_input() {
        if (!input || !input->open || entries.empty()) return false;
        Connection& c = *first();
        return c.engine().can_send() && c.running() && !c.backlogged();
    }

    // RFC 5246 §7.2.1 lets either side close; after the input ended we wait for the answer first.
    std::optional<TimePoint> linger_deadline() {
        if (!input || input->open || input->close_requested || entries.empty()) return std::nullopt;
        Connection& c = *first();
        if (!c.engine().can_send()) return std::nullopt;
        return std::max({input->ended, c.last_received(), c.established_at()}) + input->linger;
    }

    // A server at its limit accepts anyway when it can shed an unauthenticated connection.
    bool accepting(TimePoint now) const {
        return acceptor && acceptor->more_allowed() && now >= acceptor->paused_until &&
               (entries.size() < acceptor->max_concurrent || unauthenticated > 0);
    }

    void set_watch(int fd, short& watched, short wanted, std::uint64_t key) {
        if (watched == wanted) return;
        events.modify(fd, wanted, key);
        watched = wanted;
    }

    void step() {
        const TimePoint before = SteadyClock::now();
        count_unauthenticated();
        const bool accept_now = accepting(before);
        const bool reading_input = wants_input();
        const std::optional<TimePoint> linger = linger_deadline();

        for (auto& [key, e] : entries) set_watch(e.connection->fd(), e.watched, e.connection->wanted_events(), key);
        if (acceptor) set_watch(acceptor->listener.socket.get(), listener_watched, accept_now ? POLLIN : 0, listener_key);
        if (input && input->open && !input->always_ready) {
            set_watch(input->fd, input_watched, reading_input ? POLLIN : 0, input_key);
        }

        TimePoint deadline = linger.value_or(TimePoint::max());
        if (acceptor && before < acceptor->paused_until) deadline = std::min(deadline, acceptor->paused_until);
        for (auto& [key, e] : entries) deadline = std::min(deadline, e.connection->next_deadline());
        int timeout = net::poll_timeout(before, deadline);
        if (reading_input && input->always_ready) timeout = 0;

        bool listener_ready = false;
        bool input_ready = reading_input && input->always_ready;
        for (const net::EventLoop::Ready& r : events.wait(timeout)) {
            if (r.key == listener_key) {
                listener_ready = true;
            } else if (r.key == input_key) {
                input_ready = reading_input;
            } else if (auto it = entries.find(r.key); it != entries.end()) {
                it->second.connection->handle(r.revents);
            }
        }
        const TimePoint now = SteadyClock::now();
        if (input_ready) read_input(now);
        if (linger && now >= *linger && !entries.empty()) {
            Connection& c = *first();
            if (!c.finished() && c.engine().can_send()) {
                c.engine().close();
                input->close_requested = true;
                c.pump();
            }
        }
        for (auto& [key, e] : entries) e.connection->check_deadline(now);
        forget_finished();
        if (accept_now && listener_ready) accept_all(now);
    }

    void read_input(TimePoint now) {
        static std::vector<std::uint8_t> buffer(1u << 14);
        Connection& c = *first();
        if (!c.engine().can_send()) return;
        const ssize_t n = ::read(input->fd, buffer.data(), buffer.size());
        if (n > 0) {
            c.engine().send(ByteView(buffer.data(), static_cast<std::size_t>(n)));
            c.pump();
        } else if (n == 0 || (errno != EAGAIN && errno != EINTR)) {
            input->open = false;
            input->ended = now;
            if (!input->always_ready) events.remove(input->fd);
        }
    }

    // Finished connections: tell their session, count them, forget them. (Their descriptors are
    // closed already, which took them out of the EventLoop.)
    void forget_finished() {
        for (auto it = entries.begin(); it != entries.end();) {
            Entry& e = it->second;
            if (!e.connection->finished()) {
                ++it;
                continue;
            }
            const Outcome& outcome = e.connection->outcome();
            e.session->on_end(outcome);
            ++summary.connections;
            if (!outcome.ok()) ++summary.failed;
            last_outcome = outcome;
            it = entries.erase(it);
        }
    }

    std::size_t unauthenticated = 0;
    void count_unauthenticated() {
        unauthenticated = 0;
        for (auto& [key, e] : entries) {
            if (!e.connection->outcome().handshake_complete && !e.connection->finished()) ++unauthenticated;
        }
    }

    // Under pressure (at max_concurrent) the oldest connection that has not completed a handshake
    // makes room: a slow or idle client cannot keep a good one waiting. Established ones are kept.
    bool shed_oldest_unauthenticated() {
        for (auto& [key, e] : entries) {
            Connection& c = *e.connection;
            if (c.finished() || c.outcome().handshake_complete) continue;
            c.shed("closed unauthenticated to make room: " + std::to_string(acceptor->max_concurrent) +
                   " connections at once");
            ++summary.shed;
            --unauthenticated;
            return true;
        }
        return false;
    }

    void accept_all(TimePoint now) {
        const ServerLoopOptions& options = *acceptor->options;
        // Bounded: at most a backlog's worth per step, so connections already held get their turn.
        for (int round = 0; round < net::listen_backlog && acceptor->more_allowed(); ++round) {
            if (entries.size() >= acceptor->max_concurrent) {
                if (!shed_oldest_unauthenticated()) break;
                forget_finished();
            }
            bool shortage = false;
            std::optional<net::Accepted> a = net::accept_tcp(acceptor->listener.socket, &shortage);
            if (!a) {
                if (shortage) acceptor->paused_until = now + std::chrono::milliseconds(100);
                break;
            }
            const std::size_t n = ++acceptor->accepted;
            try {
                std::unique_ptr<Session> session = options.new_session(n, a->peer);
                Session& s = *session;
                add(std::move(a->socket), s, std::move(session), options.timeouts);
                ++unauthenticated;
            } catch (const std::exception& e) {
                std::cerr << "lucid server: connection " << n << " from " << format_endpoint(a->peer) << ": "
                          << e.what() << "\n";
                ++summary.connections;
                ++summary.failed;
            }
        }
    }
};

}  // namespace

Outcome run_client(Session& session, const ClientLoopOptions& options) {
    Loop loop;
    loop.add(net::connect_tcp(options.server, options.timeouts.connect), session, nullptr, options.timeouts);
    loop.input = Input{options.input_fd, options.linger, options.input_fd >= 0};
    loop.watch_input();
    loop.run();
    return loop.last_outcome;
}

ServerSummary run_server(const ServerLoopOptions& options) {
    Loop loop;
    // One descriptor per connection, plus a few for the listener, epoll, files and standard streams.
    constexpr std::size_t reserved_descriptors = 32;
    const auto descriptors = static_cast<std::size_t>(net::raise_descriptor_limit());
    loop.acceptor = Acceptor{net::listen_tcp(options.accept), &options};
    const std::size_t room = descriptors > reserved_descriptors ? descriptors - reserved_descriptors : 1;
    loop.acceptor->max_concurrent = std::max<std::size_t>(1, std::min(options.max_concurrent, room));
    loop.watch_listener();
    if (options.on_listening) options.on_listening(loop.acceptor->listener.bound);
    loop.run();
    return loop.summary;
}

}  // namespace lucid::tools
