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
