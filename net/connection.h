// One TLS connection over one TCP socket: an engine (handshake/engine.h), a descriptor and the
// buffers between them. This is the socket loop of lucidtls; it exists once, here, and everything
// that talks TLS over a socket drives it: the blocking API (net/tls_stream.h) through run_until(),
// and `lucid client`/`lucid server` (tools/socket_loop.h) through a poll() over many of them.
//
//     the socket is readable           -> recv()  -> engine.receive() (EOF: transport_closed())
//     after every step                 -> engine.take_output() into the send buffer,
//                                         engine.take_events() to the Session
//     the socket is writable           -> send() from the send buffer
//     the send buffer is low           -> session.send_more(), if it streams (lucid server --files)
//     engine.is_done() and buffer sent -> shutdown(SHUT_WR), read and discard until the peer
//                                         closes (bounded), close()
//
// The last step matters for alerts: closing a socket that still has unread input makes the kernel
// send a TCP RST, which can destroy our fatal alert before the peer reads it.
//
// Bounded everywhere: handshake, idle and close each have a timeout; the send buffer has a limit
// (above it we stop reading from that peer). A Connection never blocks: wanted_events() says what
// to wait for, handle() does one step, next_deadline()/check_deadline() keep the timeouts. So a
// driver may hold one (run_until, the model of BearSSL's br_sslio "run until") or thousands.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>

#include "crypto/bytes.h"
#include "handshake/engine.h"
#include "net/socket.h"

namespace lucid::net {

using SteadyClock = std::chrono::steady_clock;
using TimePoint = SteadyClock::time_point;

struct Timeouts {
    Milliseconds connect{10'000};    // TCP connect (client)
    Milliseconds handshake{30'000};  // from connect/accept to handshake_complete
    Milliseconds idle{60'000};       // after the handshake: nothing sent or received for this long
    Milliseconds close{2'000};       // after our last byte: waiting for the peer's close_notify / EOF
};

// How a connection ended: for the exit status, the log line and the user's sentence.
struct Outcome {
    bool handshake_complete = false;
    std::optional<handshake::Failure> failure;  // the engine's failure(), if it failed
    std::string timeout;                        // "the handshake did not finish within 30 s"
    std::string socket_error;                   // "send: Connection reset by peer", or a local problem
                                                // such as an unwritable --keylog file
    // The handshake completed and nothing failed after it. A close without close_notify or an
    // idle timeout after the handshake is not counted as a failure (the tools warn about it).
    bool ok() const {
        return handshake_complete && socket_error.empty() &&
               (!failure || failure->origin == handshake::FailureOrigin::transport);
    }
};

// The application's side of one connection. It owns the engine (and what the engine needs to
// outlive it: the random source and the trace sink).
class Session {
public:
    virtual ~Session() = default;
    virtual handshake::Engine& engine() = 0;
    // Each event, in order. May call engine().send() or engine().close().
    virtual void on_event(const handshake::Event& event) = 0;
    // Once, when the connection is over (socket closed).
    virtual void on_end(const Outcome& outcome) = 0;

    // Streaming (lucid server --files): a session with more to send than it has given the engine
    // says so here, and the connection calls send_more() whenever its send buffer runs low and the
    // engine can send. So a 256 MiB file is never in memory at once: the sender is paced by the
    // peer's reading, through the kernel's socket buffer. send_more() must send something or stop
    // wanting to. By default a session has nothing to stream.
    virtual bool wants_to_send_more() const { return false; }
    virtual void send_more() {}
};

class Connection {
public:
    // Takes the connected socket; `session` must outlive the Connection. Call start() next.
    Connection(Socket socket, Session& session, const Timeouts& timeouts);

    // engine.start() (the client queues its ClientHello), then pump().
    void start();

    int fd() const { return socket_.get(); }
    bool finished() const { return phase_ == Phase::finished; }
    const Outcome& outcome() const { return outcome_; }
    handshake::Engine& engine() { return session_.engine(); }
    bool backlogged() const;      // too much unsent output: not reading from this peer
    std::size_t pending_output() const { return pending(); }  // bytes not yet given to the kernel
    bool running() const { return phase_ == Phase::running && !forced_; }
    TimePoint last_received() const { return last_received_; }
    TimePoint established_at() const { return established_at_; }

    // poll() events to wait for (POLLIN/POLLOUT); 0 only when finished.
    short wanted_events() const;
    // One step after poll() reported `revents` on fd().
    void handle(short revents);
    // Moves the engine's output into the send buffer and its events to the session, until neither
    // has anything more (a session's send() makes new output), then tries to send. Call it after
    // calling engine().send() or engine().close() from outside an event.
    void pump();
    // When check_deadline() must be called next (TimePoint::max(): no deadline).
    TimePoint next_deadline() const;
    // Applies the timeouts: past the deadline, the engine is closed and the connection wound up.
    void check_deadline(TimePoint now);

    // Ends the connection at once, without a word to the peer: for a server under pressure that
    // closes an unauthenticated connection (one that has not completed a handshake) to make room.
    // `reason` becomes the outcome's socket_error.
    void shed(const std::string& reason);

    // The one-connection driver: poll() this socket and step until done() is true or the
    // connection is finished. Returns done().
    bool run_until(const std::function<bool()>& done);

private:
    enum class Phase { running, draining, finished };

    std::size_t pending() const { return outbox_.size() - sent_; }
    bool may_stream() const;
    void force_close(TimePoint now);
    void receive();
    void send_pending();
    void advance();
    void finish();

    Socket socket_;
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

// Milliseconds from now until `deadline` for poll() (-1: none), at most a minute.
int poll_timeout(TimePoint now, TimePoint deadline);

}  // namespace lucid::net
