// The socket loop of `lucid client` and `lucid server`: one event loop (epoll, net/event_loop.h) for both.
//
// A connection (engine + socket + buffers, its timeouts and its careful close) is a
// net::Connection (net/connection.h), the same one the blocking API (net/tls_stream.h) drives.
// This loop waits on what a command has: its connections, and for a server the listening socket,
// for a client its standard input:
//
//     connection readable/writable -> Connection::handle()  (bytes in and out of the engine)
//     listening socket readable    -> accept(), a new Session and Connection (server)
//     standard input readable      -> engine.send() (client; at its end: linger, then close)
//     a deadline passed            -> Connection::check_deadline()
//     a connection finished        -> Session::on_end(), counted, forgotten
//
// The server waits on every connection at once, so one slow or hostile client never blocks the
// others; epoll makes a wait cost what is ready, not what is held (10,000 idle connections).
//
// Workers (lucid server --workers N, docs/tools.md): N threads, each running one such loop with its
// own epoll and its own connections, all watching the ONE listening socket; whichever is free
// accepts the next client (a loser's accept() finds nothing and goes back to waiting). A connection
// stays on the thread that accepted it, so its engine is never touched by two threads; what the
// connections of different workers share (credentials, the session cache) is read-only or locked.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <vector>

#include "net/connection.h"
#include "tools/endpoint.h"

namespace lucid::tools {

using net::Milliseconds;
using net::Outcome;
using net::Session;
using net::Timeouts;

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
    // At most this many connections at once (and never more than the descriptor limit allows,
    // RLIMIT_NOFILE, which run_server raises to its hard limit). At the limit, a new client takes
    // the place of the oldest connection that has not completed its handshake; when every
    // connection has, new ones wait in the kernel's listen backlog (net::listen_backlog).
    // Split evenly between the workers.
    std::size_t max_concurrent = 10'000;
    // Event loops (threads) serving the listening socket; at least 1.
    std::size_t workers = 1;
    // Called once, when the socket is listening, with the address actually bound (port 0 resolved).
    std::function<void(const Endpoint& bound)> on_listening;
    // The session of the n-th accepted connection (n = 1, 2, ... over all workers) from `peer`,
    // accepted by worker `worker` (1 ... workers). Called on that worker's thread, so with several
    // workers it must be safe to call concurrently. May throw lucid::Error: the connection is then
    // closed and counted as failed.
    std::function<std::unique_ptr<Session>(std::size_t n, const Endpoint& peer, std::size_t worker)> new_session;
};

struct ServerSummary {
    std::size_t connections = 0;  // accepted and ended
    std::size_t failed = 0;       // of those, the ones whose Outcome was not ok()
    std::size_t shed = 0;         // of the failed, the ones closed unauthenticated to make room
    std::vector<std::size_t> per_worker;  // connections ended on each worker; they add up to `connections`
};

// Listens (throws lucid::Error "cannot listen on ADDR:PORT: ..." on failure) and serves until
// max_connections have ended (forever if 0).
ServerSummary run_server(const ServerLoopOptions& options);

}  // namespace lucid::tools
