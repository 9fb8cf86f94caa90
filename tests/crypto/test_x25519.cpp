// Tests of crypto/x25519.cpp. The RFC 7748 vector files run in tests/conformance/; here, the
// rules around the function: clamping, sizes, and the all-zero shared secret.
#include <doctest/doctest.h>

#include "crypto/error.h"
#include "crypto/hex.h"
#include "crypto/x25519.h"

using namespace lucid;
using namespace lucid::crypto;

namespace {

SecretBytes secret_hex(const char* hex) { return SecretBytes::adopt(from_hex(hex)); }

const char* const alice_private = "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a";
const char* const bob_private = "5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb";

}  // namespace

TEST_CASE("RFC 7748 §5: decodeScalar25519 clears the 3 low bits and bit 255 and sets bit 254") {
    const Bytes all_ones(32, 0xff);
    const X25519Bytes k = x25519_clamp(all_ones);
    CHECK(k[0] == 0xf8);
    CHECK(k[31] == 0x7f);
    CHECK(x25519_clamp(Bytes(32, 0))[31] == 0x40);
    // so scalars differing only in those bits give the same result
    Bytes a = from_hex(alice_private);
    Bytes a_unclamped = a;
    a_unclamped[0] |= 7;
    a_unclamped[31] |= 0x80;
    const Bytes nine = from_hex("0900000000000000000000000000000000000000000000000000000000000000");
    CHECK(x25519(a, nine) == x25519(a_unclamped, nine));
}

TEST_CASE("RFC 7748 §6.1: Alice's and Bob's public keys, and the same shared secret on both sides") {
    const X25519Bytes alice_public = x25519_public_key(secret_hex(alice_private));
    const X25519Bytes bob_public = x25519_public_key(secret_hex(bob_private));
    CHECK(to_hex(alice_public) == "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a");
    CHECK(to_hex(bob_public) == "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f");
    const SecretBytes k1 = x25519_shared_secret(secret_hex(alice_private), bob_public);
    const SecretBytes k2 = x25519_shared_secret(secret_hex(bob_private), alice_public);
    CHECK(to_hex(k1.view()) == "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");
    CHECK(to_hex(k2.view()) == to_hex(k1.view()));
}

TEST_CASE("RFC 7748 §6.1, RFC 8422 §5.11: a small-order public value (all-zero shared secret) is refused") {
    // u = 0 is the point of order 2 and u = 1 one of order 4: the clamped scalar is a multiple of
    // the cofactor 8, so either gives the point at infinity, encoded as 0. u = p is a
    // non-canonical 0 and must be refused the same way.
    for (const char* u : {"0000000000000000000000000000000000000000000000000000000000000000",
                          "0100000000000000000000000000000000000000000000000000000000000000",
                          "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"}) {
        INFO(u);
        CHECK(to_hex(x25519(from_hex(alice_private), from_hex(u))) ==
              "0000000000000000000000000000000000000000000000000000000000000000");
        CHECK_THROWS_WITH_AS(x25519_shared_secret(secret_hex(alice_private), from_hex(u)),
                             doctest::Contains("all zeros"), Error);
    }
}

TEST_CASE("RFC 7748 §5: scalars and u-coordinates are exactly 32 bytes") {
    CHECK_THROWS_AS(x25519(Bytes(31, 1), Bytes(32, 9)), Error);
    CHECK_THROWS_AS(x25519(Bytes(32, 1), Bytes(33, 9)), Error);
    CHECK_THROWS_AS(x25519_shared_secret(secret_hex(alice_private), Bytes(16, 9)), Error);
}
