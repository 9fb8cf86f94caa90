// Tests of handshake/messages/client_key_exchange_dh.cpp: RFC 5246 §7.4.7.2.
#include <doctest/doctest.h>

#include "crypto/hex.h"
#include "handshake/messages/client_key_exchange_dh.h"
#include "tests/handshake/handshake_test_support.h"

using namespace lucid;
using namespace lucid::handshake;
using lucid::record::TlsError;

TEST_CASE("RFC 5246 §7.4.7.2: ClientKeyExchange carries dh_Yc explicitly, with a two-byte length") {
    ClientKeyExchangeDh m{from_hex("0a0b0c")};
    const Bytes wire = m.encode();
    CHECK(to_hex(wire) == "10000005" "0003" "0a0b0c");
    CHECK(ClientKeyExchangeDh::parse(ByteView(wire).subspan(4)).dh_Yc == m.dh_Yc);
}

TEST_CASE("RFC 5246 §7.4.7.2: every truncated ClientKeyExchange (DH) fails with decode_error") {
    const Bytes wire = ClientKeyExchangeDh{Bytes(256, 0x77)}.encode();
    testing::check_every_truncated_prefix_fails(ByteView(wire).subspan(4),
                                                [](ByteView b) { ClientKeyExchangeDh::parse(b); });
}

TEST_CASE("RFC 5246 §7.4.7.2: an empty dh_Yc (<1..2^16-1>) and trailing bytes are decode_error") {
    CHECK_THROWS_AS(ClientKeyExchangeDh::parse(from_hex("0000")), TlsError);
    CHECK_THROWS_AS(ClientKeyExchangeDh::parse(from_hex("00010203")), TlsError);
}

TEST_CASE("trace: every byte of a ClientKeyExchange (DH) is explained") {
    const Bytes wire = ClientKeyExchangeDh{from_hex("0123")}.encode();
    Field root;
    root.children.push_back(Field{"header", 0, 4, "", "", {}});
    ClientKeyExchangeDh::parse(ByteView(wire).subspan(4), &root);
    testing::check_every_byte_explained(root, wire.size());
    REQUIRE(testing::find_field(root, "dh_Yc") != nullptr);
    CHECK(testing::find_field(root, "dh_Yc")->value.find("9-bit number") == 0);
}
