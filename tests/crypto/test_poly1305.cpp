// Tests of crypto/poly1305.cpp. The RFC's edge cases run from vectors/poly1305/rfc7539.txt.
#include <doctest/doctest.h>

#include "crypto/error.h"
#include "crypto/hex.h"
#include "crypto/poly1305.h"

using namespace lucid;
using namespace lucid::crypto;

TEST_CASE("RFC 8439 §2.5.2: the Poly1305 example") {
    const Bytes key = from_hex("85d6be7857556d337f4452fe42d506a80103808afb0db2fd4abff6af4149f51b");
    CHECK(to_hex(poly1305(key, as_bytes("Cryptographic Forum Research Group"))) == "a8061dc1305136c6c22b8baf0c0127a9");
}

TEST_CASE("RFC 8439 §2.5.1: the empty message's tag is s; r's clamped bits do not matter") {
    Bytes key = from_hex("85d6be7857556d337f4452fe42d506a80103808afb0db2fd4abff6af4149f51b");
    CHECK(to_hex(poly1305(key, {})) == "0103808afb0db2fd4abff6af4149f51b");
    const auto tag = poly1305(key, as_bytes("Cryptographic Forum Research Group"));
    key[3] |= 0xf0;  // the top four bits of r[3] are clamped away
    key[4] |= 0x03;  // and the bottom two of r[4]
    CHECK(poly1305(key, as_bytes("Cryptographic Forum Research Group")) == tag);
}

TEST_CASE("RFC 8439 §2.5: the one-time key is 32 bytes") {
    CHECK_THROWS_AS(poly1305(Bytes(16, 1), {}), Error);
}
