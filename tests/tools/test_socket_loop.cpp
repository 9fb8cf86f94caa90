// tools/socket_loop.cpp: real loopback sockets (127.0.0.1, ephemeral ports, short timeouts).
#include <doctest/doctest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <future>
#include <thread>

#include "crypto/error.h"
#include "tests/tools/engine_pair.h"
#include "tools/socket_loop.h"

using namespace lucid;
using namespace lucid::tools;
using namespace std::chrono_literals;

namespace {

// The application side for the tests: the server echoes, the client collects what comes back.
class TestSession final : public Session {
public:
    TestSession(handshake::Role role, std::vector<handshake::CipherSuite> suites = {})
        : random_(make_random(to_bytes("socket loop test"), role == handshake::Role::client ? "c" : "s")) {
        if (role == handshake::Role::client) {
            handshake::ClientConfig config;
            config.cipher_suites = std::move(suites);
            config.clock = make_clock(std::nullopt);
            config.server_name = "localhost";
            config.trust_anchors = testing::demo_trust_anchors();
            engine_ = std::make_unique<handshake::Client>(std::move(config), *random_);
        } else {
            handshake::ServerConfig config;
            config.cipher_suites = std::move(suites);
            config.clock = make_clock(std::nullopt);
            config.credentials = testing::demo_credentials();
            engine_ = std::make_unique<handshake::Server>(std::move(config), *random_);
            echo_ = true;
        }
    }
    handshake::Engine& engine() override { return *engine_; }
    void on_event(const handshake::Event& e) override {
        if (e.kind != handshake::Event::Kind::application_data) return;
        append(received, e.data);
        if (echo_ && engine_->can_send()) engine_->send(e.data);
    }
    void on_end(const Outcome& o) override { outcome = o; }

    Bytes received;
    Outcome outcome;

private:
    std::unique_ptr<crypto::RandomSource> random_;
    std::unique_ptr<handshake::Engine> engine_;
    bool echo_ = false;
};

struct ServerThread {
    explicit ServerThread(std::size_t connections, Timeouts timeouts = {},
                          std::vector<handshake::CipherSuite> suites = {}, std::size_t max_concurrent = 10'000) {
        std::promise<std::uint16_t> port_promise;
        std::future<std::uint16_t> port_future = port_promise.get_future();
        thread = std::thread([this, connections, timeouts, suites, max_concurrent,
                              p = std::move(port_promise)]() mutable {
            ServerLoopOptions options;
            options.accept = {"127.0.0.1", 0};
            options.timeouts = timeouts;
            options.max_connections = connections;
            options.max_concurrent = max_concurrent;
            options.on_listening = [&p](const Endpoint& bound) { p.set_value(bound.port); };
            options.new_session = [suites](std::size_t, const Endpoint&, std::size_t) -> std::unique_ptr<Session> {
                return std::make_unique<TestSession>(handshake::Role::server, suites);
            };
            summary = run_server(options);
        });
        REQUIRE(port_future.wait_for(10s) == std::future_status::ready);
        port = port_future.get();
    }
    ~ServerThread() {
        if (thread.joinable()) thread.join();
    }
    std::thread thread;
    std::uint16_t port = 0;
    ServerSummary summary;
};

int pipe_with(std::string_view text) {
    int fds[2];
    REQUIRE(::pipe(fds) == 0);
    REQUIRE(::write(fds[1], text.data(), text.size()) == static_cast<ssize_t>(text.size()));
    ::close(fds[1]);
    return fds[0];
}

}  // namespace

TEST_CASE("socket loop: a client and an echo server over loopback") {
    ServerThread server(1);
    TestSession client(handshake::Role::client);
    ClientLoopOptions options;
    options.server = {"127.0.0.1", server.port};
    options.input_fd = pipe_with("ping over TLS");
    options.linger = 300ms;
    const Outcome outcome = run_client(client, options);
    ::close(options.input_fd);
    server.thread.join();
    CHECK(outcome.ok());
    CHECK(outcome.handshake_complete);
    CHECK(std::string(client.received.begin(), client.received.end()) == "ping over TLS");
    CHECK(server.summary.connections == 1);
    CHECK(server.summary.failed == 0);
}

TEST_CASE("socket loop: a stalled client blocks nobody and is cut by the handshake timeout") {
    Timeouts timeouts;
    timeouts.handshake = 2000ms;
    ServerThread server(2, timeouts);
    // Connection 1: TCP only, never a byte.
    const int stalled = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(server.port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::connect(stalled, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
    std::this_thread::sleep_for(100ms);

    const auto started = std::chrono::steady_clock::now();
    TestSession client(handshake::Role::client);
    ClientLoopOptions options;
    options.server = {"127.0.0.1", server.port};
    options.input_fd = pipe_with("second");
    options.linger = 100ms;
    const Outcome outcome = run_client(client, options);
    ::close(options.input_fd);
    CHECK(outcome.ok());
    CHECK(std::chrono::steady_clock::now() - started < 1800ms);  // before the stalled one timed out

    server.thread.join();  // ends once the stalled connection is cut
    ::close(stalled);
    CHECK(server.summary.connections == 2);
    CHECK(server.summary.failed == 1);
}

TEST_CASE("socket loop: at max_concurrent the oldest unauthenticated connection makes room for a new client") {
    Timeouts timeouts;
    timeouts.handshake = 60'000ms;  // far longer than the client waits: only shedding can serve it
    ServerThread server(4, timeouts, {}, 3);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(server.port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    std::vector<int> idle;
    for (int i = 0; i < 3; ++i) {
        idle.push_back(::socket(AF_INET, SOCK_STREAM, 0));
        REQUIRE(::connect(idle.back(), reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
    }
    std::this_thread::sleep_for(200ms);  // let the server accept all three: it is full

    TestSession client(handshake::Role::client);
    ClientLoopOptions options;
    options.server = {"127.0.0.1", server.port};
    options.timeouts.handshake = 10'000ms;
    options.input_fd = pipe_with("let me in");
    options.linger = 100ms;
    const Outcome outcome = run_client(client, options);
    ::close(options.input_fd);
    CHECK(outcome.ok());
    CHECK(std::string(client.received.begin(), client.received.end()) == "let me in");

    for (int fd : idle) ::close(fd);  // the two still held see EOF and end
    server.thread.join();
    CHECK(server.summary.connections == 4);
    CHECK(server.summary.shed == 1);
    CHECK(server.summary.failed == 3);
}

TEST_CASE("socket loop: the server's fatal alert reaches the client (no reset eats it)") {
    ServerThread server(1, {}, {handshake::CipherSuite::TLS_RSA_WITH_AES_256_CBC_SHA});
    TestSession client(handshake::Role::client, {handshake::CipherSuite::TLS_RSA_WITH_AES_128_CBC_SHA});
    ClientLoopOptions options;
    options.server = {"127.0.0.1", server.port};
    options.input_fd = -1;
    const Outcome outcome = run_client(client, options);
    server.thread.join();
    CHECK_FALSE(outcome.ok());
    REQUIRE(outcome.failure.has_value());
    CHECK(outcome.failure->origin == handshake::FailureOrigin::peer);
    CHECK(outcome.failure->alert == record::AlertDescription::handshake_failure);
    CHECK(server.summary.failed == 1);
}

TEST_CASE("socket loop: a refused connection is an error that names the address") {
    // Bind a port and close it again: nobody listens there.
    const int s = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::bind(s, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
    socklen_t length = sizeof address;
    ::getsockname(s, reinterpret_cast<sockaddr*>(&address), &length);
    const std::uint16_t port = ntohs(address.sin_port);
    ::close(s);
    TestSession client(handshake::Role::client);
    ClientLoopOptions options;
    options.server = {"127.0.0.1", port};
    options.input_fd = -1;
    CHECK_THROWS_WITH_AS(run_client(client, options), doctest::Contains("cannot connect to 127.0.0.1:"), lucid::Error);
}
