#include "tools/socket_loop.h"

#include <poll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <exception>
#include <iostream>
#include <map>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "crypto/error.h"
#include "net/event_loop.h"
#include "net/socket.h"

namespace lucid::tools {

namespace {

using net::Connection;
using net::SteadyClock;
using net::TimePoint;

// What the workers of one server share: the listening socket and the counts over all of them.
struct SharedListener {
    net::Listener listener;
    const ServerLoopOptions* options = nullptr;
    // Connections accepted so far, or being accepted (a slot is claimed before accept() and given
    // back if accept() finds nothing): max_connections holds over all workers.
    std::atomic<std::size_t> claimed{0};
    std::atomic<std::size_t> numbered{0};  // connection numbers, 1, 2, ... in order of accept(): never given back
    // Readable once no worker may accept any more (max_connections reached, or a worker failed),
    // so that workers asleep in epoll_wait with no connection wake up and end.
    net::Socket done_event{::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)};
    std::atomic<bool> stopped{false};

    bool more_allowed() const {
        return !stopped.load() && (options->max_connections == 0 || claimed.load() < options->max_connections);
    }
    // Takes one of the max_connections slots; false when none is left.
    bool claim() {
        std::size_t now = claimed.load();
        do {
            if (stopped.load() || (options->max_connections != 0 && now >= options->max_connections)) return false;
        } while (!claimed.compare_exchange_weak(now, now + 1));
        return true;
    }
    void give_back() { claimed.fetch_sub(1); }
    void stop() {
        stopped.store(true);
        wake_all();
    }
    void wake_all() {
        const std::uint64_t one = 1;
        [[maybe_unused]] const ssize_t n = ::write(done_event.get(), &one, sizeof one);
    }
};

// What one worker's loop listens to besides its connections: the shared listening socket.
struct Acceptor {
    SharedListener* shared = nullptr;
    std::size_t worker = 1;
    TimePoint paused_until{};  // out of descriptors: try again later, no busy loop
    std::size_t max_concurrent = 1;  // this worker's share of options.max_concurrent, within the descriptor limit

    bool more_allowed() const { return shared->more_allowed(); }
    const net::Socket& socket() const { return shared->listener.socket; }
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
        if (!acceptor) return;
        events.add(acceptor->socket().get(), 0, listener_key);
        events.add(acceptor->shared->done_event.get(), POLLIN, done_key);
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
    static constexpr std::uint64_t done_key = 2;
    std::uint64_t next_key = 3;
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
        if (acceptor) set_watch(acceptor->socket().get(), listener_watched, accept_now ? POLLIN : 0, listener_key);
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
            } else if (r.key == done_key) {
                // No more accepting, for any worker: stop watching (the event stays readable).
                events.remove(acceptor->shared->done_event.get());
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
        SharedListener& shared = *acceptor->shared;
        const ServerLoopOptions& options = *shared.options;
        // Bounded: at most a backlog's worth per step, so connections already held get their turn.
        for (int round = 0; round < net::listen_backlog && acceptor->more_allowed(); ++round) {
            if (!shared.claim()) break;  // max_connections reached over all workers
            if (entries.size() >= acceptor->max_concurrent) {
                if (!shed_oldest_unauthenticated()) {
                    shared.give_back();
                    break;
                }
                forget_finished();
            }
            bool shortage = false;
            // With several workers, another one may have taken the client first: then nothing is
            // there (EAGAIN) and the slot goes back.
            std::optional<net::Accepted> a = net::accept_tcp(shared.listener.socket, &shortage);
            if (!a) {
                shared.give_back();
                if (shortage) acceptor->paused_until = now + std::chrono::milliseconds(100);
                break;
            }
            const std::size_t n = ++shared.numbered;
            // That was the last one: wake the idle workers. Decided on the count of connections
            // accepted, never on the claims: a claim that finds nothing is given back, so a worker
            // woken while another held such a claim would stop watching the event too early, and
            // sleep on when the real last connection came (seen as a hang of --max-connections).
            if (options.max_connections != 0 && n >= options.max_connections) shared.wake_all();
            try {
                std::unique_ptr<Session> session = options.new_session(n, a->peer, acceptor->worker);
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
    const std::size_t workers = std::max<std::size_t>(1, options.workers);
    // One descriptor per connection, plus a few per worker for its epoll and event, and some for the
    // listener, files and standard streams.
    const std::size_t reserved_descriptors = 32 + 2 * workers;
    const auto descriptors = static_cast<std::size_t>(net::raise_descriptor_limit());
    SharedListener shared;
    shared.listener = net::listen_tcp(options.accept);
    shared.options = &options;
    if (!shared.done_event.valid()) throw Error(std::string("eventfd: ") + std::strerror(errno));
    const std::size_t room = descriptors > reserved_descriptors ? descriptors - reserved_descriptors : 1;
    const std::size_t per_worker = std::max<std::size_t>(1, std::min(options.max_concurrent, room) / workers);

    // Each worker is a Loop on its own thread (even with one worker, so that both cases run the
    // same code); the loops are built here, before listening is announced.
    std::vector<std::unique_ptr<Loop>> loops;
    for (std::size_t w = 1; w <= workers; ++w) {
        auto loop = std::make_unique<Loop>();
        loop->acceptor = Acceptor{&shared, w, {}, per_worker};
        loop->watch_listener();
        loops.push_back(std::move(loop));
    }
    if (options.on_listening) options.on_listening(shared.listener.bound);

    std::vector<std::exception_ptr> failures(workers);
    std::vector<std::thread> threads;
    for (std::size_t w = 0; w < workers; ++w) {
        threads.emplace_back([&, w] {
            try {
                loops[w]->run();
            } catch (...) {
                failures[w] = std::current_exception();
                shared.stop();  // the others finish what they hold and end too
            }
        });
    }
    for (std::thread& t : threads) t.join();
    for (const std::exception_ptr& f : failures) {
        if (f) std::rethrow_exception(f);
    }

    ServerSummary total;
    for (const std::unique_ptr<Loop>& loop : loops) {
        total.connections += loop->summary.connections;
        total.failed += loop->summary.failed;
        total.shed += loop->summary.shed;
        total.per_worker.push_back(loop->summary.connections);
    }
    return total;
}

}  // namespace lucid::tools
