// Tests of crypto/chacha20_poly1305.cpp.
#include <doctest/doctest.h>

#include "crypto/chacha20_poly1305.h"
#include "crypto/error.h"
#include "crypto/hex.h"

using namespace lucid;
using namespace lucid::crypto;

namespace {

Bytes from(std::uint8_t start, std::size_t n) {
    Bytes b(n);
    for (std::size_t i = 0; i < n; ++i) b[i] = static_cast<std::uint8_t>(start + i);
    return b;
}

const Bytes sunscreen = to_bytes(
    "Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future, sunscreen would be it.");

}  // namespace

TEST_CASE("RFC 8439 §2.6.2: the Poly1305 key generation example") {
    CHECK(to_hex(poly1305_key_gen(from(0x80, 32), from_hex("000000000001020304050607")).view()) ==
          "8ad5a08b905f81cc815040274ab29471a833b637e3fd0da508dbb8e2fdd1a646");
}

TEST_CASE("RFC 8439 §2.8.2: the AEAD example, sealed and opened") {
    const ChaCha20Poly1305 aead(from(0x80, 32));
    const Bytes nonce = from_hex("070000004041424344454647");
    const Bytes aad = from_hex("50515253c0c1c2c3c4c5c6c7");
    const Bytes sealed = aead.seal(nonce, aad, sunscreen);
    CHECK(to_hex(ByteView(sealed).last(16)) == "1ae10b594f09e26a7e902ecbd0600691");
    CHECK(to_hex(ByteView(sealed).first(16)) == "d31a8d34648e60db7b86afbc53ef7ec2");
    const ByteView ciphertext = ByteView(sealed).first(sunscreen.size());
    CHECK(aead.open(nonce, aad, ciphertext, ByteView(sealed).last(16)) == sunscreen);
}

TEST_CASE("RFC 8439 §2.8, §4: a wrong tag, AAD or nonce gives no plaintext; sizes are checked") {
    const ChaCha20Poly1305 aead(from(0x80, 32));
    const Bytes nonce = from_hex("070000004041424344454647");
    const Bytes sealed = aead.seal(nonce, {}, sunscreen);
    const ByteView ciphertext = ByteView(sealed).first(sunscreen.size());
    Bytes tag(sealed.end() - 16, sealed.end());
    tag[0] ^= 0x80;
    CHECK_FALSE(aead.open(nonce, {}, ciphertext, tag).has_value());
    tag[0] ^= 0x80;
    CHECK_FALSE(aead.open(nonce, Bytes{1}, ciphertext, tag).has_value());
    CHECK_FALSE(aead.open(from_hex("070000004041424344454648"), {}, ciphertext, tag).has_value());
    CHECK_THROWS_AS(aead.open(nonce, {}, ciphertext, ByteView(tag).first(12)), Error);
    CHECK_THROWS_AS(aead.seal(Bytes(8, 0), {}, {}), Error);
    CHECK_THROWS_AS(ChaCha20Poly1305(Bytes(16, 0)), Error);
}

TEST_CASE("RFC 8439 §2.8: open into a caller's buffer writes the plaintext only when the tag matches") {
    const ChaCha20Poly1305 aead(Bytes(32, 0x42));
    const Bytes nonce(12, 0x07), aad = {1, 2, 3}, plaintext(100, 0x61);
    Bytes sealed(plaintext.size() + 16);
    aead.seal(nonce, aad, plaintext, sealed);
    CHECK(sealed == aead.seal(nonce, aad, plaintext));
    Bytes out(plaintext.size(), 0xee);
    const ByteView ciphertext = ByteView(sealed).first(plaintext.size()), tag = ByteView(sealed).last(16);
    CHECK(aead.open(nonce, aad, ciphertext, tag, out));
    CHECK(out == plaintext);
    Bytes bad_tag(tag.begin(), tag.end());
    bad_tag[15] ^= 0x80;
    Bytes untouched(plaintext.size(), 0xee);
    CHECK_FALSE(aead.open(nonce, aad, ciphertext, bad_tag, untouched));
    CHECK(untouched == Bytes(plaintext.size(), 0xee));
}
