// net/socket.cpp: connect, listen and accept on 127.0.0.1 with ephemeral ports.
#include <doctest/doctest.h>

#include "crypto/error.h"
#include "net/socket.h"

using namespace lucid;
using namespace lucid::net;
using namespace std::chrono_literals;

TEST_CASE("socket: listening on port 0 reports the port the kernel chose") {
    const Listener l = listen_tcp({"127.0.0.1", 0});
    CHECK(l.socket.valid());
    CHECK(l.bound.host == "127.0.0.1");
    CHECK(l.bound.port != 0);
}

TEST_CASE("socket: connect and accept meet; the peer address is numeric") {
    const Listener l = listen_tcp({"127.0.0.1", 0});
    const Socket client = connect_tcp(l.bound, 2000ms);
    const Accepted a = accept_tcp_wait(l.socket, 2000ms);
    CHECK(a.socket.valid());
    CHECK(a.peer.host == "127.0.0.1");
    CHECK(client.valid());
}

TEST_CASE("socket: a refused connection is an error that names the address") {
    std::uint16_t port;
    {
        const Listener l = listen_tcp({"127.0.0.1", 0});
        port = l.bound.port;
    }  // closed: nothing listens there now
    const std::string expected = "cannot connect to 127.0.0.1:" + std::to_string(port);
    CHECK_THROWS_WITH_AS(connect_tcp({"127.0.0.1", port}, 2000ms), doctest::Contains(expected.c_str()), lucid::Error);
}

TEST_CASE("socket: waiting for a connection is bounded") {
    const Listener l = listen_tcp({"127.0.0.1", 0});
    CHECK_THROWS_WITH_AS(accept_tcp_wait(l.socket, 50ms), "no connection within 50 ms", lucid::Error);
}

TEST_CASE("socket: endpoints print as the user types them, IPv6 in brackets (RFC 3986 §3.2.2)") {
    CHECK(format_endpoint({"127.0.0.1", 4433}) == "127.0.0.1:4433");
    CHECK(format_endpoint({"::1", 4433}) == "[::1]:4433");
}
