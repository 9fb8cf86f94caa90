// net/connection.cpp: two Connections over a socketpair, stepped by hand in one thread (the way
// a many-connection driver steps them), and the timeouts.
#include <doctest/doctest.h>

#include <poll.h>
#include <sys/socket.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "crypto/random.h"
#include "handshake/credentials.h"
#include "net/connection.h"

using namespace lucid;
using namespace lucid::net;
using namespace std::chrono_literals;

namespace {

std::string demo_file(const std::string& name) {
    std::ifstream in(std::string(LUCID_SOURCE_DIR) + "/demo/" + name);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

class Side final : public Session {
public:
    explicit Side(std::unique_ptr<handshake::Engine> e) : engine_(std::move(e)) {}
    handshake::Engine& engine() override { return *engine_; }
    void on_event(const handshake::Event& e) override {
        if (e.kind == handshake::Event::Kind::application_data) append(received, e.data);
    }
    void on_end(const Outcome&) override {}
    Bytes received;

private:
    std::unique_ptr<handshake::Engine> engine_;
};

std::unique_ptr<handshake::Engine> client_engine() {
    handshake::ClientConfig c;
    c.clock = [] { return std::int64_t{1780000000}; };  // 2026-05-28, inside the demo PKI's validity
    c.server_name = "localhost";
    c.trust_anchors = handshake::certificates_from_pem(demo_file("ca.pem"));
    return std::make_unique<handshake::Client>(std::move(c), crypto::os_random());
}

std::unique_ptr<handshake::Engine> server_engine() {
    handshake::ServerConfig s;
    s.clock = [] { return std::int64_t{1780000000}; };
    s.credentials = handshake::ServerCredentials::from_pem(demo_file("server.pem"), demo_file("server.key"));
    return std::make_unique<handshake::Server>(std::move(s), crypto::os_random());
}

// A session that streams `total` bytes (byte i is i mod 251) in pieces of 16 KiB, as lucid server
// --files does, then closes. `largest_pending` is the most output its connection held unsent at any
// call of send_more().
class Streamer final : public Session {
public:
    Streamer(std::unique_ptr<handshake::Engine> e, std::size_t total) : engine_(std::move(e)), total_(total) {}
    handshake::Engine& engine() override { return *engine_; }
    void on_event(const handshake::Event&) override {}
    void on_end(const Outcome&) override {}
    bool wants_to_send_more() const override { return engine_->is_established() && sent < total_; }
    void send_more() override {
        if (connection) largest_pending = std::max(largest_pending, connection->pending_output());
        Bytes piece(std::min<std::size_t>(16384, total_ - sent));
        for (std::size_t i = 0; i < piece.size(); ++i) piece[i] = static_cast<std::uint8_t>((sent + i) % 251);
        engine_->send(piece);
        sent += piece.size();
        if (sent == total_) engine_->close();
    }
    std::size_t sent = 0, largest_pending = 0;
    const Connection* connection = nullptr;

private:
    std::unique_ptr<handshake::Engine> engine_;
    std::size_t total_;
};

// One poll() over both connections, as tools/socket_loop.cpp does over many.
void step(Connection& a, Connection& b) {
    std::array<pollfd, 2> fds{{{a.fd(), a.wanted_events(), 0}, {b.fd(), b.wanted_events(), 0}}};
    ::poll(fds.data(), 2, 100);
    if (fds[0].revents) a.handle(fds[0].revents);
    if (fds[1].revents) b.handle(fds[1].revents);
    a.check_deadline(SteadyClock::now());
    b.check_deadline(SteadyClock::now());
}

}  // namespace

TEST_CASE("connection: two connections stepped in one loop complete the handshake (RFC 5246 §7.3) and close cleanly") {
    int fds[2];
    REQUIRE(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, fds) == 0);
    Side client_side(client_engine()), server_side(server_engine());
    Connection client(Socket(fds[0]), client_side, {}), server(Socket(fds[1]), server_side, {});
    client.start();
    server.start();
    for (int i = 0; i < 200 && !(client.engine().is_established() && server.engine().is_established()); ++i) {
        step(client, server);
    }
    REQUIRE(client.engine().is_established());
    REQUIRE(server.engine().is_established());
    client.engine().send(to_bytes("ping"));
    client.engine().close();
    client.pump();
    for (int i = 0; i < 200 && !(client.finished() && server.finished()); ++i) step(client, server);
    CHECK(server_side.received == to_bytes("ping"));
    CHECK(client.finished());
    CHECK(server.finished());
    CHECK(client.outcome().ok());
    CHECK(server.outcome().ok());
}

TEST_CASE("connection: run_until gives up at the handshake timeout when the peer says nothing") {
    int fds[2];
    REQUIRE(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, fds) == 0);
    Socket silent(fds[1]);
    Side client_side(client_engine());
    Timeouts t;
    t.handshake = 100ms;
    t.close = 50ms;
    Connection client(Socket(fds[0]), client_side, t);
    client.start();
    CHECK_FALSE(client.run_until([&] { return client.engine().is_established(); }));
    CHECK(client.finished());
    CHECK(client.outcome().timeout == "the handshake did not finish within 100 ms");
    CHECK_FALSE(client.outcome().ok());
}

TEST_CASE("connection: after the handshake, the idle timeout closes a connection where nothing moves (docs/robustness.md)") {
    int fds[2];
    REQUIRE(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, fds) == 0);
    Side client_side(client_engine()), server_side(server_engine());
    Timeouts t;
    t.idle = 150ms;
    t.close = 50ms;
    Connection client(Socket(fds[0]), client_side, {}), server(Socket(fds[1]), server_side, t);
    client.start();
    server.start();
    for (int i = 0; i < 200 && !(client.engine().is_established() && server.engine().is_established()); ++i) {
        step(client, server);
    }
    REQUIRE(server.engine().is_established());
    const auto began = SteadyClock::now();
    for (int i = 0; i < 100 && !server.finished(); ++i) step(client, server);
    CHECK(server.finished());
    CHECK(SteadyClock::now() - began < 2s);
    CHECK(server.outcome().timeout == "nothing was sent or received for 150 ms");
    CHECK(server.outcome().handshake_complete);
}

TEST_CASE("connection: a peer that resets the connection while we send is a lost transport (truncation named), not a socket error") {
    int fds[2];
    REQUIRE(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, fds) == 0);
    Side client_side(client_engine()), server_side(server_engine());
    Connection client(Socket(fds[0]), client_side, {});
    auto server = std::make_unique<Connection>(Socket(fds[1]), server_side, Timeouts{});
    client.start();
    server->start();
    for (int i = 0; i < 200 && !(client.engine().is_established() && server->engine().is_established()); ++i) {
        step(client, *server);
    }
    REQUIRE(client.engine().is_established());
    server.reset();  // the peer is gone, as after kill -9
    client.engine().send(Bytes(1u << 16, 0x61));
    client.pump();
    for (int i = 0; i < 50 && !client.finished(); ++i) {
        pollfd p{client.fd(), client.wanted_events(), 0};
        ::poll(&p, 1, 50);
        client.handle(p.revents);
    }
    REQUIRE(client.finished());
    CHECK(client.outcome().socket_error.empty());
    REQUIRE(client.outcome().failure);
    CHECK(client.outcome().failure->origin == handshake::FailureOrigin::transport);
    CHECK(client.outcome().failure->sentence.find("truncated") != std::string::npos);
}

TEST_CASE("connection: a streaming session is asked for more only while the send buffer is low, and every byte arrives") {
    int fds[2];
    REQUIRE(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, fds) == 0);
    const std::size_t total = 8u << 20;
    Side client_side(client_engine());
    Streamer streamer(server_engine(), total);
    Connection client(Socket(fds[0]), client_side, {}), server(Socket(fds[1]), streamer, {});
    streamer.connection = &server;
    client.start();
    server.start();
    for (int i = 0; i < 200 && !client.engine().is_established(); ++i) step(client, server);
    REQUIRE(client.engine().is_established());

    // The client does not read: the server fills the socket and its send buffer, then stops asking.
    for (int i = 0; i < 50; ++i) {
        pollfd p{server.fd(), server.wanted_events(), 0};
        ::poll(&p, 1, 10);
        if (p.revents) server.handle(p.revents);
    }
    const std::size_t stalled_at = streamer.sent;
    CHECK(stalled_at > 0);
    CHECK(stalled_at < total / 2);
    CHECK(server.pending_output() < (512u << 10));

    // The client reads: the rest follows, in order, then close_notify.
    for (int i = 0; i < 20000 && !(client.finished() && server.finished()); ++i) step(client, server);
    CHECK(streamer.sent == total);
    REQUIRE(client_side.received.size() == total);
    std::size_t wrong = 0;
    for (std::size_t i = 0; i < total; ++i) wrong += client_side.received[i] != static_cast<std::uint8_t>(i % 251);
    CHECK(wrong == 0);
    CHECK(streamer.largest_pending < (256u << 10));  // asked only below the low-water mark
    CHECK(server.outcome().ok());
    CHECK(client.outcome().ok());
}
