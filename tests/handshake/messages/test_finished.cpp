// Tests of handshake/messages/finished.cpp: RFC 5246 §7.4.9.
#include <doctest/doctest.h>

#include "crypto/hex.h"
#include "handshake/messages/finished.h"
#include "tests/handshake/handshake_test_support.h"

using namespace lucid;
using namespace lucid::handshake;

TEST_CASE("RFC 5246 §7.4.9: Finished is 12 bytes of verify_data") {
    Finished f;
    for (std::size_t i = 0; i < 12; ++i) f.verify_data[i] = static_cast<std::uint8_t>(i + 1);
    const Bytes wire = f.encode();
    CHECK(to_hex(wire) == "1400000c" "0102030405060708090a0b0c");
    CHECK(Finished::parse(ByteView(wire).subspan(4)).verify_data == f.verify_data);
    testing::check_every_truncated_prefix_fails(ByteView(wire).subspan(4), [](ByteView b) { Finished::parse(b); });
}

TEST_CASE("RFC 5246 §7.4.9: a 13-byte Finished is decode_error") {
    CHECK_THROWS_AS(Finished::parse(Bytes(13, 1)), record::TlsError);
}
