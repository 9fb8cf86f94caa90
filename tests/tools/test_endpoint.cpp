// tools/endpoint.cpp: HOST:PORT and --accept as typed on the command line.
#include <doctest/doctest.h>

#include "tools/args.h"
#include "tools/endpoint.h"

using namespace lucid::tools;

TEST_CASE("HOST:PORT: names, IPv4 and bracketed IPv6") {
    CHECK(parse_host_port("localhost:4433").host == "localhost");
    CHECK(parse_host_port("localhost:4433").port == 4433);
    CHECK(parse_host_port("127.0.0.1:1").host == "127.0.0.1");
    CHECK(parse_host_port("[::1]:443").host == "::1");
    CHECK(parse_host_port("[::1]:443").port == 443);
}

TEST_CASE("HOST:PORT: a missing or bad port is a usage error naming the input") {
    CHECK_THROWS_AS(parse_host_port("localhost"), UsageError);
    CHECK_THROWS_AS(parse_host_port("localhost:"), UsageError);
    CHECK_THROWS_AS(parse_host_port(":443"), UsageError);
    CHECK_THROWS_AS(parse_host_port("localhost:0"), UsageError);
    CHECK_THROWS_AS(parse_host_port("localhost:65536"), UsageError);
    CHECK_THROWS_AS(parse_host_port("localhost:44x"), UsageError);
    CHECK_THROWS_AS(parse_host_port("::1:443"), UsageError);  // IPv6 needs brackets
    CHECK_THROWS_WITH_AS(parse_host_port("h:99999"), doctest::Contains("99999"), UsageError);
}

TEST_CASE("--accept: PORT alone listens on 127.0.0.1; port 0 picks a free one") {
    CHECK(parse_accept("4433").host == "127.0.0.1");
    CHECK(parse_accept("4433").port == 4433);
    CHECK(parse_accept("0").port == 0);
    CHECK(parse_accept("0.0.0.0:8443").host == "0.0.0.0");
    CHECK(parse_accept("[::1]:0").host == "::1");
    CHECK_THROWS_AS(parse_accept("http"), UsageError);
    CHECK_THROWS_AS(parse_accept("70000"), UsageError);
}

TEST_CASE("RFC 6066 §3: IP literals are recognised (no server_name is sent for them)") {
    CHECK(is_ip_literal("127.0.0.1"));
    CHECK(is_ip_literal("::1"));
    CHECK(is_ip_literal("2001:db8::7"));
    CHECK_FALSE(is_ip_literal("localhost"));
    CHECK_FALSE(is_ip_literal("127.0.0.1.example"));
    CHECK_FALSE(is_ip_literal(""));
}

TEST_CASE("endpoints print back as typed, IPv6 in brackets") {
    CHECK(format_endpoint({"127.0.0.1", 4433}) == "127.0.0.1:4433");
    CHECK(format_endpoint({"::1", 4433}) == "[::1]:4433");
}
