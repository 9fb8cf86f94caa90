#include "net/connection.h"

#include <poll.h>
#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <vector>

#include "crypto/error.h"

namespace lucid::net {

namespace {

// One read: up to four records of the largest kind (RFC 5246 §6.2.3: 5-byte header + 2^14 + 2048
// each). A bulk transfer then costs one wake-up and one recv() per several records rather than
// per record; the buffer is one per thread, and the record layer decrypts from its own.
constexpr std::size_t read_chunk = 4 * (5 + (1u << 14) + 2048);
// Above this much unsent output for one peer we stop reading from it (an echo client that
// sends but never reads cannot make the server buffer without bound).
constexpr std::size_t max_pending_output = 1u << 20;
// A streaming session is asked for more while less than this much output is unsent: enough to keep
// the kernel's send buffer full between two wake-ups, small beside max_pending_output.
constexpr std::size_t stream_low_water = 256u << 10;

std::string errno_text() { return std::strerror(errno); }

}  // namespace

int poll_timeout(TimePoint now, TimePoint deadline) {
    if (deadline == TimePoint::max()) return -1;
    if (deadline <= now) return 0;
    const auto ms = std::chrono::ceil<std::chrono::milliseconds>(deadline - now).count();
    return static_cast<int>(std::min<long long>(ms, 60'000));
}

Connection::Connection(Socket socket, Session& session, const Timeouts& timeouts)
    : socket_(std::move(socket)), session_(session), timeouts_(timeouts) {
    started_ = last_activity_ = last_received_ = SteadyClock::now();
}

void Connection::start() {
    engine().start();
    pump();
}

bool Connection::backlogged() const { return pending() > max_pending_output; }

// The session has more to stream, the engine can take it (not during a renegotiation's key change,
// not after close) and the send buffer is low.
bool Connection::may_stream() const {
    return phase_ == Phase::running && !forced_ && pending() < stream_low_water && session_.wants_to_send_more() &&
           session_.engine().can_send();
}

short Connection::wanted_events() const {
    short events = 0;
    if (phase_ == Phase::finished) return 0;
    if (phase_ == Phase::draining) return POLLIN;
    if (!peer_eof_ && !backlogged()) events |= POLLIN;
    if (pending() > 0 || may_stream()) events |= POLLOUT;
    return events;
}

void Connection::pump() {
    if (phase_ != Phase::running) return;
    try {
        for (;;) {
            Bytes out = engine().take_output();
            std::vector<handshake::Event> events = engine().take_events();
            if (out.empty() && events.empty()) {
                if (!may_stream()) break;
                session_.send_more();
                Bytes more = engine().take_output();
                if (more.empty()) break;  // a session that asked for room but sent nothing would spin here
                append(outbox_, more);
                continue;
            }
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

void Connection::handle(short revents) {
    if (phase_ == Phase::finished) return;
    if (revents & (POLLIN | POLLHUP | POLLERR)) receive();
    if (phase_ == Phase::running && (revents & (POLLOUT | POLLERR))) send_pending();
    if (phase_ == Phase::running) pump();
    advance();
}

TimePoint Connection::next_deadline() const {
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

void Connection::check_deadline(TimePoint now) {
    if (phase_ == Phase::finished || now < next_deadline()) return;
    if (phase_ == Phase::draining || forced_) {
        finish();
        return;
    }
    if (!outcome_.handshake_complete) {
        outcome_.timeout = "the handshake did not finish within " + duration_text(timeouts_.handshake);
    } else if (!closing_since_) {
        outcome_.timeout = "nothing was sent or received for " + duration_text(timeouts_.idle);
    }
    // else: we sent close_notify and the peer did not answer in time; RFC 5246 §7.2.1 lets
    // the initiator close without waiting, so that is no failure.
    engine().close();
    append(outbox_, engine().take_output());
    force_close(now);
    send_pending();
    advance();
}

bool Connection::run_until(const std::function<bool()>& done) {
    pump();
    while (!done() && !finished()) {
        pollfd p{fd(), wanted_events(), 0};
        const int rc = ::poll(&p, 1, poll_timeout(SteadyClock::now(), next_deadline()));
        if (rc < 0 && errno != EINTR) throw Error("poll: " + errno_text());
        if (rc > 0 && p.revents != 0) handle(p.revents);
        check_deadline(SteadyClock::now());
    }
    return done();
}

void Connection::shed(const std::string& reason) {
    if (phase_ == Phase::finished) return;
    if (outcome_.socket_error.empty()) outcome_.socket_error = reason;
    finish();
}

void Connection::force_close(TimePoint now) {
    forced_ = true;
    forced_deadline_ = now + timeouts_.close;
}

void Connection::receive() {
    static thread_local std::vector<std::uint8_t> buffer(read_chunk);
    const ssize_t n = ::recv(socket_.get(), buffer.data(), buffer.size(), MSG_DONTWAIT);
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

void Connection::send_pending() {
    while (pending() > 0 && phase_ == Phase::running) {
        const ssize_t n = ::send(socket_.get(), outbox_.data() + sent_, pending(), MSG_NOSIGNAL | MSG_DONTWAIT);
        if (n > 0) {
            sent_ += static_cast<std::size_t>(n);
            last_activity_ = SteadyClock::now();
            continue;
        }
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return;
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 && (errno == EPIPE || errno == ECONNRESET)) {
            // The peer is gone (killed, or reset): the same end as an EOF before close_notify, so
            // the engine names the possible truncation (RFC 5246 §7.2.1), whichever side saw it first.
            peer_eof_ = true;
            if (!forced_) engine().transport_closed();
            finish();
            return;
        }
        if (outcome_.socket_error.empty()) outcome_.socket_error = "send: " + errno_text();
        finish();
        return;
    }
    if (pending() == 0) {
        outbox_.clear();
        sent_ = 0;
    }
}

// Once the engine is done (or we gave up on it) and everything is sent: half-close, then read
// until the peer closes, so the kernel never answers unread input with a reset.
void Connection::advance() {
    if (phase_ != Phase::running || pending() > 0) return;
    const bool engine_done = engine().is_done() || forced_ || peer_eof_;
    if (!engine_done) return;
    if (peer_eof_) {
        finish();
        return;
    }
    ::shutdown(socket_.get(), SHUT_WR);
    phase_ = Phase::draining;
    drain_deadline_ = SteadyClock::now() + timeouts_.close;
}

void Connection::finish() {
    if (phase_ == Phase::finished) return;
    phase_ = Phase::finished;
    outcome_.failure = engine().failure();
    socket_.reset();
}

}  // namespace lucid::net
