// The socket loop: the only code in lucidtls that touches a socket (POSIX, poll()-based).
//
// The engines (handshake/engine.h) do no I/O. This file moves bytes between a TCP socket and an
// engine, and hands the engine's events to a Session (what the application does: print, echo,
// answer --www). The same Connection drives a client or a server engine:
//
//     poll() says the socket is readable  -> recv()  -> engine.receive() (EOF: transport_closed())
//     after every step                    -> engine.take_output() into the send buffer,
//                                            engine.take_events() to the Session
//     poll() says the socket is writable  -> send() from the send buffer
//     engine.is_done() and buffer sent    -> shutdown(SHUT_WR), read and discard until the peer
//                                            closes (bounded), close()
//
// The last step matters for alerts: closing a socket that still has unread input makes the kernel
// send a TCP RST, which can destroy our fatal alert before the peer reads it.
//
// Bounded everywhere: connect, handshake, idle and close each have a timeout; the send buffer has
// a limit (above it we stop reading from that peer); the server polls every connection at once,
// so one slow or hostile client never blocks the others.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "crypto/bytes.h"
#include "handshake/engine.h"
#include "tools/endpoint.h"

namespace lucid::tools {

using Milliseconds = std::chrono::milliseconds;

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
    // idle timeout after the handshake is not counted as a failure (describe_warning() says it).
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
};

struct ClientLoopOptions {
    Endpoint server;
    Timeouts timeouts;
    int input_fd = 0;  // what to send once the handshake is complete (stdin); -1 for nothing
    // After the input ends: close (close_notify) once the server has been quiet this long, so that
    // an answer to what we sent (an HTTP response) is still received.
    Milliseconds linger{3'000};
};

// Connects (throws lucid::Error "cannot connect to HOST:PORT: ..." on failure), runs the session's
// client engine to the end and returns how it ended. Session::on_end is called too.
Outcome run_client(Session& session, const ClientLoopOptions& options);

struct ServerLoopOptions {
    Endpoint accept;
    Timeouts timeouts;
    // Stop after this many connections have been accepted and have ended; 0 = serve forever.
    std::size_t max_connections = 0;
    // At most this many connections at once; more wait in the kernel's listen backlog.
    std::size_t max_concurrent = 256;
    // Called once, when the socket is listening, with the address actually bound (port 0 resolved).
    std::function<void(const Endpoint& bound)> on_listening;
    // The session of the n-th accepted connection (n = 1, 2, ...) from `peer`. May throw
    // lucid::Error: the connection is then closed and counted as failed.
    std::function<std::unique_ptr<Session>(std::size_t n, const Endpoint& peer)> new_session;
};

struct ServerSummary {
    std::size_t connections = 0;  // accepted and ended
    std::size_t failed = 0;       // of those, the ones whose Outcome was not ok()
};

// Listens (throws lucid::Error "cannot listen on ADDR:PORT: ..." on failure) and serves until
// max_connections have ended (forever if 0).
ServerSummary run_server(const ServerLoopOptions& options);

}  // namespace lucid::tools
