// Tests of handshake/messages/client_key_exchange.cpp: RFC 5246 §7.4.7.1.
#include <doctest/doctest.h>

#include "crypto/hex.h"
#include "handshake/messages/client_key_exchange.h"
#include "tests/handshake/handshake_test_support.h"

using namespace lucid;
using namespace lucid::handshake;

TEST_CASE("RFC 5246 §7.4.7.1: ClientKeyExchange carries the ciphertext with a two-byte length") {
    ClientKeyExchange m{from_hex("0102030405")};
    const Bytes wire = m.encode();
    CHECK(to_hex(wire) == "10000007" "0005" "0102030405");
    CHECK(ClientKeyExchange::parse(ByteView(wire).subspan(4)).encrypted_pre_master_secret == m.encrypted_pre_master_secret);
}

TEST_CASE("RFC 5246 §7.4.7.1: every truncated ClientKeyExchange fails with decode_error") {
    const Bytes wire = ClientKeyExchange{Bytes(256, 0x5a)}.encode();
    testing::check_every_truncated_prefix_fails(ByteView(wire).subspan(4),
                                                [](ByteView b) { ClientKeyExchange::parse(b); });
}

TEST_CASE("RFC 5246 §7.4.7.1: the TLS 1.0 form without the length prefix is decode_error in TLS 1.2") {
    // 256 bytes of ciphertext without the vector length: the first two bytes are read as a length
    // that does not match what follows.
    CHECK_THROWS_AS(ClientKeyExchange::parse(Bytes(256, 0x5a)), record::TlsError);
}
