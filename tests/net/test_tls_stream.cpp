// net/tls_stream.cpp: the blocking API, a client and a server in two threads over loopback,
// with the demo PKI of demo/.
#include <doctest/doctest.h>

#include <future>
#include <string>
#include <thread>

#include "crypto/error.h"
#include "net/tls_stream.h"

using namespace lucid;
using namespace lucid::net;
using namespace std::chrono_literals;

namespace {

const std::string demo = std::string(LUCID_SOURCE_DIR) + "/demo/";

ServerOptions demo_server() {
    ServerOptions o;
    o.cert_file = demo + "server.pem";
    o.key_file = demo + "server.key";
    o.timeouts.handshake = 5000ms;
    return o;
}

ClientOptions demo_client() {
    ClientOptions o;
    o.server_name = "localhost";
    o.ca_file = demo + "ca.pem";
    o.timeouts.handshake = 5000ms;
    return o;
}

std::string read_all(TlsStream& tls) {
    std::string text;
    std::array<std::uint8_t, 1000> buffer{};
    while (std::size_t n = tls.read(buffer)) text.append(reinterpret_cast<const char*>(buffer.data()), n);
    return text;
}

}  // namespace

TEST_CASE("tls_stream: a blocking client and server exchange data and close with close_notify (RFC 5246 §7.2.1)") {
    TlsServer server(demo_server(), {"127.0.0.1", 0});
    auto served = std::async(std::launch::async, [&] {
        TlsStream peer = server.accept();
        std::array<std::uint8_t, 100> buffer{};
        const std::size_t n = peer.read(buffer);
        peer.write(std::string("echo: ") + std::string(reinterpret_cast<const char*>(buffer.data()), n));
        peer.close();
        return n;
    });
    TlsStream client = tls_connect("127.0.0.1", server.bound().port, demo_client());
    CHECK(client.session().version == 0x0303);
    CHECK(client.session().peer_verified);
    client.write("hello");
    CHECK(read_all(client) == "echo: hello");
    CHECK(served.get() == 5);
}

TEST_CASE("tls_stream: more than one record (2^14 bytes, RFC 5246 §6.2.1) arrives whole") {
    TlsServer server(demo_server(), {"127.0.0.1", 0});
    const std::string big(100'000, 'x');
    auto served = std::async(std::launch::async, [&] {
        TlsStream peer = server.accept();
        peer.write(big);
    });  // the destructor closes
    TlsStream client = tls_connect("127.0.0.1", server.bound().port, demo_client());
    CHECK(read_all(client) == big);
    served.get();
}

TEST_CASE("tls_stream: a certificate for another name fails the handshake with a sentence (RFC 6125 §6.4)") {
    TlsServer server(demo_server(), {"127.0.0.1", 0});
    auto served = std::async(std::launch::async, [&] {
        try {
            server.accept();
        } catch (const Error& e) {
            return std::string(e.what());
        }
        return std::string();
    });
    ClientOptions o = demo_client();
    o.server_name = "not-the-server.example";
    CHECK_THROWS_WITH_AS(tls_connect("127.0.0.1", server.bound().port, o),
                         doctest::Contains("we sent certificate_unknown"), lucid::Error);
    CHECK(served.get().find("the peer sent certificate_unknown") != std::string::npos);
}

TEST_CASE("tls_stream: without a trusted CA the server is refused (secure default)") {
    TlsServer server(demo_server(), {"127.0.0.1", 0});
    auto served = std::async(std::launch::async, [&] {
        try {
            server.accept();
        } catch (const Error&) {
        }
    });
    ClientOptions o = demo_client();
    o.ca_file = demo + "broken/unknown-ca-root.pem";
    CHECK_THROWS_AS(tls_connect("127.0.0.1", server.bound().port, o), lucid::Error);
    served.get();
}

TEST_CASE("tls_stream: a server whose key does not match its certificate is refused at once") {
    ServerOptions o = demo_server();
    o.key_file = demo + "client.key";
    CHECK_THROWS_AS(TlsServer(o, {"127.0.0.1", 0}), lucid::Error);
}

TEST_CASE("tls_stream: a peer that sends nothing is cut by the handshake timeout") {
    const Listener l = listen_tcp({"127.0.0.1", 0});
    ClientOptions o = demo_client();
    o.timeouts.handshake = 200ms;
    o.timeouts.close = 100ms;
    CHECK_THROWS_WITH_AS(tls_connect("127.0.0.1", l.bound.port, o),
                         doctest::Contains("the handshake did not finish within 200 ms"), lucid::Error);
}
