// Tests of handshake/extensions/alpn.cpp: RFC 7301 §3.1.
#include <doctest/doctest.h>

#include "crypto/hex.h"
#include "handshake/extensions.h"
#include "tests/handshake/handshake_test_support.h"

using namespace lucid;
using namespace lucid::handshake;

namespace {
std::vector<std::string> read(ByteView data, HelloKind kind = HelloKind::client_hello) {
    FieldReader r(data, "alpn", 0, nullptr);
    auto out = read_alpn(r, kind);
    r.expect_end();
    return out;
}
}  // namespace

TEST_CASE("RFC 7301 §3.1: ProtocolNameList round trip, byte by byte") {
    const Bytes data = encode_alpn({"h2", "http/1.1"});
    CHECK(to_hex(data) == "000c" "02" + to_hex(as_bytes("h2")) + "08" + to_hex(as_bytes("http/1.1")));
    CHECK(read(data) == std::vector<std::string>{"h2", "http/1.1"});
    testing::check_every_truncated_prefix_fails(data, [](ByteView b) { read(b); });
}

TEST_CASE("RFC 7301 §3.1: an empty ProtocolName (<1..2^8-1>) is decode_error") {
    CHECK_THROWS_AS(read(from_hex("0003" "00" "0161")), record::TlsError);
}

TEST_CASE("RFC 7301 §3.1: the server's list must hold exactly one name") {
    CHECK(read(encode_alpn({"h2"}), HelloKind::server_hello) == std::vector<std::string>{"h2"});
    CHECK_THROWS_AS(read(encode_alpn({"h2", "x"}), HelloKind::server_hello), record::TlsError);
}

TEST_CASE("RFC 7301 §3.1: names longer than 255 bytes cannot be encoded") {
    CHECK_THROWS_AS(encode_alpn({std::string(256, 'a')}), Error);
}
