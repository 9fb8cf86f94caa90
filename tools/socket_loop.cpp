#include "tools/socket_loop.h"

#include <poll.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <iostream>
#include <optional>
#include <vector>

#include "crypto/error.h"
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

    bool more_allowed() const { return options->max_connections == 0 || accepted < options->max_connections; }
};

// What a client sends: its standard input, then close_notify once the server has been quiet.
struct Input {
    int fd = -1;
    Milliseconds linger{};
    bool open = true;
    TimePoint ended{};
    bool close_requested = false;
};

class Loop {
public:
    struct Entry {
        std::unique_ptr<Session> owned;  // the server's sessions; the client's belongs to the caller
        Session* session = nullptr;
        std::unique_ptr<Connection> connection;
    };

    std::vector<Entry> entries;
    std::optional<Acceptor> acceptor;
    std::optional<Input> input;  // feeds entries.front()
    ServerSummary summary;
    Outcome last_outcome;

    // Starts a connection (the client's engine queues its ClientHello) and adds it.
    void add(net::Socket socket, Session& session, std::unique_ptr<Session> owned, const Timeouts& timeouts) {
        Entry entry;
        entry.owned = std::move(owned);
        entry.session = &session;
        entry.connection = std::make_unique<Connection>(std::move(socket), session, timeouts);
        entry.connection->start();
        entries.push_back(std::move(entry));
    }

    void run() {
        while (!entries.empty() || (acceptor && acceptor->more_allowed())) step();
    }

private:
    bool wants_input() const {
        if (!input || !input->open || entries.empty()) return false;
        Connection& c = *entries.front().connection;
        return c.engine().can_send() && c.running() && !c.backlogged();
    }

    // RFC 5246 §7.2.1 lets either side close; after the input ended we wait for the answer first.
    std::optional<TimePoint> linger_deadline() const {
        if (!input || input->open || input->close_requested || entries.empty()) return std::nullopt;
        Connection& c = *entries.front().connection;
        if (!c.engine().can_send()) return std::nullopt;
        return std::max({input->ended, c.last_received(), c.established_at()}) + input->linger;
    }

    void step() {
        const TimePoint before = SteadyClock::now();
        const bool accepting = acceptor && acceptor->more_allowed() &&
                               entries.size() < std::max<std::size_t>(acceptor->options->max_concurrent, 1) &&
                               before >= acceptor->paused_until;
        const bool reading_input = wants_input();
        const std::optional<TimePoint> linger = linger_deadline();

        std::vector<pollfd> fds;
        fds.reserve(entries.size() + 2);
        for (Entry& e : entries) fds.push_back({e.connection->fd(), e.connection->wanted_events(), 0});
        const std::size_t listener_index = fds.size();
        if (accepting) fds.push_back({acceptor->listener.socket.get(), POLLIN, 0});
        const std::size_t input_index = fds.size();
        if (reading_input) fds.push_back({input->fd, POLLIN, 0});

        TimePoint deadline = linger.value_or(TimePoint::max());
        if (acceptor && before < acceptor->paused_until) deadline = std::min(deadline, acceptor->paused_until);
        for (Entry& e : entries) deadline = std::min(deadline, e.connection->next_deadline());

        const int rc = ::poll(fds.data(), fds.size(), net::poll_timeout(before, deadline));
        if (rc < 0 && errno != EINTR) throw Error(std::string("poll: ") + std::strerror(errno));
        const TimePoint now = SteadyClock::now();

        const std::size_t polled = entries.size();
        for (std::size_t i = 0; i < polled; ++i) {
            if (rc > 0 && fds[i].revents != 0) entries[i].connection->handle(fds[i].revents);
        }
        if (reading_input && rc > 0 && fds[input_index].revents != 0) read_input(now);
        if (linger && now >= *linger && !entries.empty()) {
            Connection& c = *entries.front().connection;
            if (!c.finished() && c.engine().can_send()) {
                c.engine().close();
                input->close_requested = true;
                c.pump();
            }
        }
        for (Entry& e : entries) e.connection->check_deadline(now);
        forget_finished();
        if (accepting && rc > 0 && fds[listener_index].revents != 0) accept_all(now);
    }

    void read_input(TimePoint now) {
        static std::vector<std::uint8_t> buffer(1u << 14);
        Connection& c = *entries.front().connection;
        if (!c.engine().can_send()) return;
        const ssize_t n = ::read(input->fd, buffer.data(), buffer.size());
        if (n > 0) {
            c.engine().send(ByteView(buffer.data(), static_cast<std::size_t>(n)));
            c.pump();
        } else if (n == 0 || (errno != EAGAIN && errno != EINTR)) {
            input->open = false;
            input->ended = now;
        }
    }

    // Finished connections: tell their session, count them, forget them.
    void forget_finished() {
        std::erase_if(entries, [&](Entry& e) {
            if (!e.connection->finished()) return false;
            const Outcome& outcome = e.connection->outcome();
            e.session->on_end(outcome);
            ++summary.connections;
            if (!outcome.ok()) ++summary.failed;
            last_outcome = outcome;
            return true;
        });
    }

    void accept_all(TimePoint now) {
        const ServerLoopOptions& options = *acceptor->options;
        while (acceptor->more_allowed() && entries.size() < std::max<std::size_t>(options.max_concurrent, 1)) {
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
    loop.run();
    return loop.last_outcome;
}

ServerSummary run_server(const ServerLoopOptions& options) {
    Loop loop;
    loop.acceptor = Acceptor{net::listen_tcp(options.accept), &options};
    if (options.on_listening) options.on_listening(loop.acceptor->listener.bound);
    loop.run();
    return loop.summary;
}

}  // namespace lucid::tools
