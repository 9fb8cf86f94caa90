// Tests of crypto/chacha20.cpp.
#include <doctest/doctest.h>

#include <algorithm>

#include "crypto/chacha20.h"
#include "crypto/error.h"
#include "crypto/hex.h"

using namespace lucid;
using namespace lucid::crypto;

namespace {

Bytes counting_key() {
    Bytes k(32);
    for (std::size_t i = 0; i < k.size(); ++i) k[i] = static_cast<std::uint8_t>(i);
    return k;
}

}  // namespace

TEST_CASE("RFC 8439 §2.3.2: the ChaCha20 block function's test vector") {
    CHECK(to_hex(chacha20_block(counting_key(), 1, from_hex("000000090000004a00000000"))) ==
          "10f1e7e4d13b5915500fdd1fa32071c4c7d1f4c733c068030422aa9ac3d46c4e"
          "d2826446079faa0914c2d705d98b02a2b5129cd1de164eb9cbd083e8a2503c4e");
}

TEST_CASE("RFC 8439 §2.4: encryption is its own inverse, and block j uses counter + j") {
    const Bytes nonce = from_hex("000000000000004a00000000");
    Bytes message(150);
    for (std::size_t i = 0; i < message.size(); ++i) message[i] = static_cast<std::uint8_t>(i);
    const Bytes ciphertext = chacha20_xor(counting_key(), 1, nonce, message);
    CHECK(chacha20_xor(counting_key(), 1, nonce, ciphertext) == message);
    const auto block3 = chacha20_block(counting_key(), 3, nonce);
    CHECK((ciphertext[128] ^ message[128]) == block3[0]);
    CHECK(chacha20_xor(counting_key(), 1, nonce, {}).empty());
}

TEST_CASE("RFC 8439 §2.3, §2.4: wrong key or nonce sizes, and a counter that would wrap, are refused") {
    CHECK_THROWS_AS(chacha20_block(Bytes(16, 0), 0, Bytes(12, 0)), Error);
    CHECK_THROWS_AS(chacha20_block(Bytes(32, 0), 0, Bytes(8, 0)), Error);
    CHECK_THROWS_AS(chacha20_xor(Bytes(32, 0), 0xffffffff, Bytes(12, 0), Bytes(65, 0)), Error);
    CHECK(chacha20_xor(Bytes(32, 0), 0xffffffff, Bytes(12, 0), Bytes(64, 0)).size() == 64);
}

TEST_CASE("RFC 8439 §2.4: eight blocks at a time give the key stream of the block function, any length, up to the last counter") {
    // 0 to 1344 bytes: groups of eight blocks (512 bytes) and the 0 to 7 blocks after them, the
    // last partial. The counter starts 21 below 2^32, so the last of 21 blocks uses 0xffffffff.
    const Bytes key = counting_key();
    const Bytes nonce = from_hex("000000090000004a00000000");
    const std::uint32_t counter = 0xffffffffu - 20;
    Bytes message(21 * 64);
    for (std::size_t i = 0; i < message.size(); ++i) message[i] = static_cast<std::uint8_t>(i * 13 + 5);
    std::size_t wrong_lengths = 0;
    for (std::size_t n = 0; n <= message.size(); n += (n < 600 ? 1 : 37)) {
        Bytes expected(n);
        for (std::size_t at = 0; at < n; at += 64) {
            const auto block = chacha20_block(key, counter + static_cast<std::uint32_t>(at / 64), nonce);
            for (std::size_t i = 0; i < std::min<std::size_t>(64, n - at); ++i) expected[at + i] = message[at + i] ^ block[i];
        }
        Bytes in_place(message.begin(), message.begin() + static_cast<std::ptrdiff_t>(n));
        chacha20_xor(key, counter, nonce, in_place, in_place);
        wrong_lengths += chacha20_xor(key, counter, nonce, ByteView(message).first(n)) != expected || in_place != expected;
    }
    CHECK(wrong_lengths == 0);
}
