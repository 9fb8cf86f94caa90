#include <doctest/doctest.h>

#include <cstdint>

#include "crypto/aes.h"
#include "crypto/cbc.h"
#include "crypto/error.h"

using namespace lucid;
using crypto::Aes;

namespace {

Bytes pattern(std::size_t n, std::uint8_t seed) {
    Bytes out(n);
    std::uint8_t x = seed;
    for (std::size_t i = 0; i < n; ++i) {
        x = static_cast<std::uint8_t>(x * 167 + 13);
        out[i] = x;
    }
    return out;
}

const Bytes key = pattern(16, 1);
const Bytes iv = pattern(16, 2);

}  // namespace

TEST_CASE("SP 800-38A §6.2: CBC encryption chains C_j = CIPH_K(P_j xor C_(j-1)), C_0 = IV") {
    Aes aes(key);
    const Bytes plaintext = pattern(64, 3);
    const Bytes ciphertext = crypto::cbc_encrypt(aes, iv, plaintext);
    REQUIRE(ciphertext.size() == plaintext.size());
    ByteView previous = iv;
    for (std::size_t j = 0; j < 4; ++j) {
        Aes::Block input, expected;
        for (std::size_t i = 0; i < 16; ++i) input[i] = plaintext[16 * j + i] ^ previous[i];
        aes.encrypt_block(input.data(), expected.data());
        CHECK(Bytes(expected.begin(), expected.end()) ==
              Bytes(ciphertext.begin() + 16 * j, ciphertext.begin() + 16 * (j + 1)));
        previous = ByteView(ciphertext).subspan(16 * j, 16);
    }
}

TEST_CASE("SP 800-38A §6.2: CBC decryption undoes encryption for every key size") {
    for (std::size_t key_size : {16u, 24u, 32u}) {
        Aes aes(pattern(key_size, 4));
        for (std::size_t blocks = 0; blocks <= 5; ++blocks) {
            INFO("key size " << key_size << ", blocks " << blocks);
            const Bytes plaintext = pattern(16 * blocks, static_cast<std::uint8_t>(blocks));
            const Bytes ciphertext = crypto::cbc_encrypt(aes, iv, plaintext);
            CHECK(crypto::cbc_decrypt(aes, iv, ciphertext) == plaintext);
        }
    }
}

TEST_CASE("SP 800-38A §6.2: equal plaintext blocks give different ciphertext blocks") {
    Aes aes(key);
    const Bytes ciphertext = crypto::cbc_encrypt(aes, iv, Bytes(32, 0x41));
    CHECK(Bytes(ciphertext.begin(), ciphertext.begin() + 16) != Bytes(ciphertext.begin() + 16, ciphertext.end()));
}

TEST_CASE("SP 800-38A §6.2: empty input gives empty output") {
    Aes aes(key);
    CHECK(crypto::cbc_encrypt(aes, iv, {}).empty());
    CHECK(crypto::cbc_decrypt(aes, iv, {}).empty());
}

TEST_CASE("SP 800-38A §6.2: input that is not whole blocks is rejected, naming the length") {
    Aes aes(key);
    CHECK_THROWS_WITH_AS(crypto::cbc_encrypt(aes, iv, Bytes(17)),
                         "CBC: input length 17 is not a whole number of 16-byte blocks", Error);
    CHECK_THROWS_WITH_AS(crypto::cbc_decrypt(aes, iv, Bytes(15)),
                         "CBC: input length 15 is not a whole number of 16-byte blocks", Error);
}

TEST_CASE("SP 800-38A §6.2: an IV that is not one block is rejected, naming the length") {
    Aes aes(key);
    CHECK_THROWS_WITH_AS(crypto::cbc_encrypt(aes, Bytes(8), Bytes(16)), "CBC: IV must be 16 bytes, got 8", Error);
    CHECK_THROWS_WITH_AS(crypto::cbc_decrypt(aes, Bytes(17), Bytes(16)), "CBC: IV must be 16 bytes, got 17", Error);
    CHECK_THROWS_WITH_AS(crypto::cbc_encrypt(aes, {}, {}), "CBC: IV must be 16 bytes, got 0", Error);
}

TEST_CASE("RFC 5652 §6.3: padding adds k - (l mod k) bytes of that value, a whole block when aligned") {
    for (std::size_t length = 0; length <= 40; ++length) {
        INFO("length " << length);
        const Bytes data = pattern(length, 5);
        const Bytes padded = crypto::pkcs7_pad(data);
        const std::size_t n = 16 - length % 16;
        REQUIRE(padded.size() == length + n);
        CHECK(Bytes(padded.begin(), padded.begin() + static_cast<std::ptrdiff_t>(length)) == data);
        for (std::size_t i = length; i < padded.size(); ++i) CHECK(padded[i] == n);
        CHECK(crypto::pkcs7_unpad(padded) == data);
    }
}

TEST_CASE("RFC 5652 §6.3: padding of empty input is one whole block of 0x10") {
    CHECK(crypto::pkcs7_pad({}) == Bytes(16, 0x10));
    CHECK(crypto::pkcs7_unpad(Bytes(16, 0x10)).empty());
}

TEST_CASE("RFC 5652 §6.3: padding works for other block sizes") {
    CHECK(crypto::pkcs7_pad(Bytes{1, 2, 3}, 8) == Bytes{1, 2, 3, 5, 5, 5, 5, 5});
    CHECK(crypto::pkcs7_unpad(Bytes{1, 2, 3, 5, 5, 5, 5, 5}, 8) == Bytes{1, 2, 3});
    CHECK_THROWS_WITH_AS(crypto::pkcs7_pad({}, 0), "PKCS#7: block size must be 1 to 255 bytes, got 0", Error);
    CHECK_THROWS_WITH_AS(crypto::pkcs7_pad({}, 256), "PKCS#7: block size must be 1 to 255 bytes, got 256", Error);
}

TEST_CASE("RFC 5652 §6.3: bad padding is reported, each kind with its own message") {
    SUBCASE("empty input") {
        CHECK_THROWS_WITH_AS(crypto::pkcs7_unpad({}),
                             "PKCS#7: bad padding: the input is empty, but padded data is at least one block", Error);
    }
    SUBCASE("length not a multiple of the block") {
        CHECK_THROWS_WITH_AS(crypto::pkcs7_unpad(Bytes(17, 0x01)),
                             "PKCS#7: bad padding: the input is 17 bytes, not a multiple of the block size 16", Error);
    }
    SUBCASE("pad byte 0") {
        Bytes data(16, 0x05);
        data.back() = 0;
        CHECK_THROWS_WITH_AS(crypto::pkcs7_unpad(data),
                             "PKCS#7: bad padding: the last byte is 0, but a pad length is 1 to 16", Error);
    }
    SUBCASE("pad byte larger than the block") {
        CHECK_THROWS_WITH_AS(crypto::pkcs7_unpad(Bytes(32, 0x11)),
                             "PKCS#7: bad padding: the last byte is 17, larger than the block size 16", Error);
    }
    SUBCASE("pad bytes that differ") {
        Bytes data = crypto::pkcs7_pad(Bytes(12, 0xaa));  // 12 bytes, then 04 04 04 04
        data[13] = 0x03;
        CHECK_THROWS_WITH_AS(crypto::pkcs7_unpad(data),
                             "PKCS#7: bad padding: the last 4 bytes must all be 0x04, but byte 13 is 0x03", Error);
    }
}

TEST_CASE("SP 800-38A §6.2: CBC into a caller's buffer gives the same bytes; an overlapping or short buffer throws") {
    const Aes aes(Bytes(16, 0x2b));
    const Bytes iv(16, 0x0f);
    Bytes plaintext(5 * 16);
    for (std::size_t i = 0; i < plaintext.size(); ++i) plaintext[i] = static_cast<std::uint8_t>(i * 11);
    Bytes ciphertext(plaintext.size()), decrypted(plaintext.size());
    crypto::cbc_encrypt(aes, iv, plaintext, ciphertext);
    CHECK(ciphertext == crypto::cbc_encrypt(aes, iv, plaintext));
    crypto::cbc_decrypt(aes, iv, ciphertext, decrypted);
    CHECK(decrypted == plaintext);
    CHECK_THROWS_AS(crypto::cbc_decrypt(aes, iv, ciphertext, MutableByteView(ciphertext)), Error);  // in place
    CHECK_THROWS_AS(crypto::cbc_encrypt(aes, iv, plaintext, MutableByteView(decrypted).first(16)), Error);
}
