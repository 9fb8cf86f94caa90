// Tests of handshake/extensions/server_name.cpp: RFC 6066 §3.
#include <doctest/doctest.h>

#include "crypto/hex.h"
#include "handshake/extensions.h"
#include "tests/handshake/handshake_test_support.h"

using namespace lucid;
using namespace lucid::handshake;
using lucid::record::AlertDescription;
using lucid::record::TlsError;

namespace {
std::optional<std::string> read(ByteView data, HelloKind kind = HelloKind::client_hello) {
    FieldReader r(data, "server_name", 0, nullptr);
    auto out = read_server_name(r, kind);
    r.expect_end();
    return out;
}
}  // namespace

TEST_CASE("RFC 6066 §3: ServerNameList with one host_name, byte by byte") {
    const Bytes data = encode_server_name("example.org");
    CHECK(to_hex(data) == "000e" "00" "000b" + to_hex(as_bytes("example.org")));
    CHECK(read(data) == std::optional<std::string>("example.org"));
    testing::check_every_truncated_prefix_fails(data, [](ByteView b) { read(b); });
}

TEST_CASE("RFC 6066 §3: two host_names are illegal_parameter") {
    const Bytes name = from_hex("0000016100000162");  // host_name "a", host_name "b"
    record::Writer w;
    w.vec(2, name);
    try {
        read(w.data());
        FAIL("accepted two host names");
    } catch (const TlsError& e) {
        CHECK(e.alert() == AlertDescription::illegal_parameter);
    }
}

TEST_CASE("RFC 6066 §3: an empty server_name_list is decode_error (<1..2^16-1>)") {
    CHECK_THROWS_AS(read(from_hex("0000")), TlsError);
}

TEST_CASE("RFC 6066 §3: unknown name types are stepped over") {
    CHECK(read(from_hex("0008" "05000178" "00000161")) == std::optional<std::string>("a"));
}

TEST_CASE("RFC 6066 §3: \"Literal IPv4 and IPv6 addresses are not permitted in HostName\"") {
    CHECK(is_ip_literal("127.0.0.1"));
    CHECK(is_ip_literal("::1"));
    CHECK_FALSE(is_ip_literal("localhost"));
    CHECK_FALSE(is_ip_literal("1.example"));
}

TEST_CASE("RFC 6066 §3: host_name syntax: \"without a trailing dot\", no IP literal, no NUL, DNS lengths") {
    CHECK_FALSE(host_name_problem("localhost"));
    CHECK_FALSE(host_name_problem("www.example.org"));
    CHECK_FALSE(host_name_problem("xn--bcher-kva.example"));  // an IDN as its A-label
    CHECK_FALSE(host_name_problem(std::string(63, 'a') + ".example"));
    CHECK(host_name_problem("example.org.")->find("trailing dot") != std::string::npos);
    CHECK(host_name_problem("127.0.0.1")->find("IP address") != std::string::npos);
    CHECK(host_name_problem("::1")->find("IP address") != std::string::npos);
    CHECK(host_name_problem(std::string("a\0b", 3))->find("zero byte") != std::string::npos);
    CHECK(host_name_problem(std::string(64, 'a') + ".example")->find("63") != std::string::npos);
    CHECK(host_name_problem(std::string(127, 'a') + "." + std::string(127, 'b'))->find("253") != std::string::npos);
    CHECK(host_name_problem("a..b")->find("empty label") != std::string::npos);
    CHECK(host_name_problem(".a")->find("empty label") != std::string::npos);
    CHECK(host_name_problem("a b")->find("0x20") != std::string::npos);
    CHECK(host_name_problem("b\xc3\xbc" "cher.example"));  // UTF-8: not an A-label
}

TEST_CASE("RFC 6066 §3: a ClientHello host_name with a trailing dot, an IP literal or a NUL is illegal_parameter") {
    for (const std::string& bad : {std::string("example.org."), std::string("10.0.0.1"), std::string("a\0b", 3)}) {
        try {
            read(encode_server_name(bad));
            FAIL("accepted host_name " << bad);
        } catch (const TlsError& e) {
            CHECK(e.alert() == AlertDescription::illegal_parameter);
        }
    }
}
