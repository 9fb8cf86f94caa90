#include <doctest/doctest.h>

#include <cstdlib>

#include "crypto/bignum.h"
#include "crypto/error.h"
#include "crypto/hex.h"
#include "tests/crypto/rsa_test_keys.h"

using namespace lucid;
using crypto::BigInt;

TEST_CASE("RFC 8017 §4.2 OS2IP reads big-endian bytes; leading zeros do not change the value") {
    CHECK(crypto::os2ip(from_hex("0102")) == 258);
    CHECK(crypto::os2ip(from_hex("00000102")) == 258);
    CHECK(crypto::os2ip(ByteView{}) == 0);
    CHECK(crypto::os2ip(from_hex("ff")) == 255);
}

TEST_CASE("RFC 8017 §4.1 I2OSP writes exactly xLen bytes, zero-padded on the left") {
    CHECK(to_hex(crypto::i2osp(258, 4)) == "00000102");
    CHECK(to_hex(crypto::i2osp(0, 3)) == "000000");
    CHECK(to_hex(crypto::i2osp(255, 1)) == "ff");
    CHECK(to_hex(crypto::i2osp_secret(258, 3).view()) == "000102");
}

TEST_CASE("RFC 8017 §4.1 I2OSP: x >= 256^xLen is 'integer too large'") {
    CHECK_THROWS_WITH_AS(crypto::i2osp(256, 1), doctest::Contains("integer too large"), Error);
    CHECK_THROWS_AS(crypto::i2osp(BigInt(-1), 4), Error);
    CHECK_THROWS_AS(crypto::i2osp_secret(65536, 2), Error);
}

TEST_CASE("I2OSP and OS2IP are inverse for every length from 1 to 300 bytes") {
    crypto::HmacDrbg rng = test::seeded_random("bignum round trip");
    for (std::size_t length = 1; length <= 300; ++length) {
        const Bytes original = rng.bytes(length);
        CHECK(crypto::i2osp(crypto::os2ip(original), length) == original);
    }
}

TEST_CASE("minimal encoding, bit and byte lengths") {
    CHECK(to_hex(crypto::to_bytes_minimal(0)) == "00");
    CHECK(to_hex(crypto::to_bytes_minimal(0x10001)) == "010001");
    CHECK(crypto::bit_length(0) == 0);
    CHECK(crypto::bit_length(1) == 1);
    CHECK(crypto::bit_length(256) == 9);
    CHECK(crypto::byte_length(256) == 2);
    CHECK(crypto::byte_length(255) == 1);
}

TEST_CASE("hex and decimal text: any digit count, bad characters named") {
    CHECK(crypto::from_hex_text("10001") == 65537);
    CHECK(crypto::from_hex_text("00FF") == 255);
    CHECK(crypto::to_hex_text(65537) == "10001");
    CHECK(crypto::to_hex_text(0) == "0");
    CHECK(crypto::from_decimal_text("65537") == 65537);
    CHECK_THROWS_WITH_AS(crypto::from_hex_text("12x4"), doctest::Contains("position 2"), Error);
    CHECK_THROWS_AS(crypto::from_decimal_text("12a"), Error);
    CHECK_THROWS_AS(crypto::from_hex_text(""), Error);
}

TEST_CASE("random_in_range stays in [low, high] and reaches both ends of a small range") {
    crypto::HmacDrbg rng = test::seeded_random("random range");
    bool saw_low = false, saw_high = false;
    for (int i = 0; i < 400; ++i) {
        const BigInt x = crypto::random_in_range(rng, 10, 17);
        REQUIRE(x >= 10);
        REQUIRE(x <= 17);
        saw_low = saw_low || x == 10;
        saw_high = saw_high || x == 17;
    }
    CHECK(saw_low);
    CHECK(saw_high);
    CHECK_THROWS_AS(crypto::random_in_range(rng, 5, 4), Error);
}

TEST_CASE("random_bits never sets a bit above the requested count") {
    crypto::HmacDrbg rng = test::seeded_random("random bits");
    for (std::size_t bits = 1; bits <= 70; ++bits) {
        CHECK(crypto::bit_length(crypto::random_bits(rng, bits)) <= bits);
    }
}

TEST_CASE("GMP's allocator is the wiping one before any test touches a number") {
    CHECK(crypto::wiping_allocator_installed());
    // Growing a number moves it through the allocator's realloc; the value must survive the move.
    BigInt x = 1;
    x <<= 100000;
    x += 5;
    CHECK(crypto::bit_length(x) == 100001);
    CHECK(mpz_fdiv_ui(x.get_mpz_t(), 1u << 16) == 5);
}
