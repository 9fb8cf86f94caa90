// Tests of handshake/extensions/renegotiation_info.cpp: RFC 5746 §3.2.
#include <doctest/doctest.h>

#include "crypto/hex.h"
#include "handshake/extensions.h"
#include "tests/handshake/handshake_test_support.h"

using namespace lucid;
using namespace lucid::handshake;

namespace {
Bytes read(ByteView data) {
    FieldReader r(data, "renegotiation_info", 0, nullptr);
    Bytes out = read_renegotiation_info(r);
    r.expect_end();
    return out;
}
}  // namespace

TEST_CASE("RFC 5746 §3.2: the initial handshake's renegotiation_info is the single byte 00") {
    CHECK(to_hex(encode_renegotiation_info({})) == "00");
    CHECK(read(from_hex("00")).empty());
}

TEST_CASE("RFC 5746 §3.2: renegotiated_connection<0..255> round trip and truncation") {
    const Bytes data = encode_renegotiation_info(Bytes(12, 0x42));
    CHECK(read(data) == Bytes(12, 0x42));
    testing::check_every_truncated_prefix_fails(data, [](ByteView b) { read(b); });
}
