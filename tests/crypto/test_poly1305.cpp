// Tests of crypto/poly1305.cpp. The RFC's edge cases run from vectors/poly1305/rfc7539.txt.
#include <doctest/doctest.h>

#include <algorithm>

#include "crypto/bignum.h"
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

namespace {

// RFC 8439 §2.5 with GMP's integers: the definition, for comparison.
Bytes poly1305_reference(ByteView key, ByteView message) {
    auto little_endian = [](ByteView b) { return crypto::os2ip(Bytes(b.rbegin(), b.rend())); };
    Bytes r_bytes(key.begin(), key.begin() + 16);
    for (std::size_t i : {3, 7, 11, 15}) r_bytes[i] &= 15;
    for (std::size_t i : {4, 8, 12}) r_bytes[i] &= 252;
    const crypto::BigInt p = (crypto::BigInt(1) << 130) - 5, r = little_endian(r_bytes), s = little_endian(key.subspan(16));
    crypto::BigInt a = 0;
    for (std::size_t at = 0; at < message.size(); at += 16) {
        const ByteView block = message.subspan(at, std::min<std::size_t>(16, message.size() - at));
        a = ((a + little_endian(block) + (crypto::BigInt(1) << (8 * block.size()))) * r) % p;
    }
    const Bytes big_endian = crypto::i2osp((a + s) % (crypto::BigInt(1) << 128), 16);
    return Bytes(big_endian.rbegin(), big_endian.rend());
}

}  // namespace

TEST_CASE("RFC 8439 §2.5: the 26-bit limbs agree with the definition computed by GMP, every length to 200 bytes") {
    // Messages of 0xff bytes with r and s at their largest put every limb at its maximum, where a
    // missing carry would show; the counting pattern covers the rest.
    Bytes max_key(32, 0xff), counting_key(32), ones(200, 0xff), counting(200);
    for (std::size_t i = 0; i < 32; ++i) counting_key[i] = static_cast<std::uint8_t>(i * 37 + 11);
    for (std::size_t i = 0; i < 200; ++i) counting[i] = static_cast<std::uint8_t>(i * 29 + 3);
    std::size_t wrong = 0, compared = 0;
    for (const Bytes* key : {&max_key, &counting_key}) {
        for (const Bytes* message : {&ones, &counting}) {
            for (std::size_t n = 0; n <= 200; ++n) {
                const ByteView m = ByteView(*message).first(n);
                const auto tag = poly1305(*key, m);
                wrong += Bytes(tag.begin(), tag.end()) != poly1305_reference(*key, m);
                ++compared;
            }
        }
    }
    CHECK(compared == 4 * 201);
    CHECK(wrong == 0);
}
