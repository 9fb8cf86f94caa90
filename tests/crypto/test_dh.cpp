#include <doctest/doctest.h>

#include "crypto/dh.h"
#include "crypto/error.h"
#include "tests/crypto/rsa_test_keys.h"

using namespace lucid;
using crypto::BigInt;

TEST_CASE("RFC 5246 §8.1.2: both sides of an ffdhe2048 exchange compute the same premaster") {
    crypto::HmacDrbg rng = test::seeded_random("dh exchange");
    const crypto::DhGroup group = crypto::named_dh_group(crypto::NamedDhGroup::ffdhe2048);
    const crypto::DhPrivateKey client = crypto::generate_dh_key(group, rng);
    const crypto::DhPrivateKey server = crypto::generate_dh_key(group, rng);
    const SecretBytes a = crypto::dh_shared_secret(client, server.public_value_bytes());
    const SecretBytes b = crypto::dh_shared_secret(server, client.public_value_bytes());
    CHECK(a.reveal() == b.reveal());
    CHECK(a.size() <= 256);
    CHECK(a.view()[0] != 0);  // leading zero bytes stripped
    // RFC 7919 Appendix A.1: a short exponent of at least 225 bits.
    CHECK(crypto::bit_length(client.private_exponent()) <= 225);
}

TEST_CASE("RFC 5246 §8.1.2: leading zero bytes of Z are stripped") {
    const crypto::DhGroup group = crypto::named_dh_group(crypto::NamedDhGroup::ffdhe2048);
    crypto::HmacDrbg rng = test::seeded_random("leading zeros");
    // Search for an exchange whose Z is below 2^(2048-8), i.e. starts with a zero byte: about one
    // exponent in 256 does.
    const crypto::DhPrivateKey peer = crypto::generate_dh_key(group, rng);
    BigInt limit = 1;
    limit <<= 2040;
    for (int attempt = 0; attempt < 5000; ++attempt) {
        const crypto::DhPrivateKey mine = crypto::generate_dh_key(group, rng);
        BigInt z;
        mpz_powm(z.get_mpz_t(), peer.public_value().get_mpz_t(), mine.private_exponent().get_mpz_t(), group.p.get_mpz_t());
        if (z >= limit) continue;
        const SecretBytes secret = crypto::dh_shared_secret(mine, peer.public_value());
        CHECK(secret.size() == crypto::byte_length(z));
        CHECK(secret.size() < 256);
        CHECK(secret.view()[0] != 0);
        CHECK(crypto::os2ip(secret.view()) == z);
        return;
    }
    FAIL("no shared secret with a leading zero byte in 5000 tries");
}

TEST_CASE("RFC 7919 §5.1: the peer's Y must satisfy 1 < Y < p-1; 0, 1, p-1, p and p+1 are rejected") {
    const crypto::DhGroup group = crypto::named_dh_group(crypto::NamedDhGroup::ffdhe2048);
    crypto::HmacDrbg rng = test::seeded_random("bad peer values");
    const crypto::DhPrivateKey mine = crypto::generate_dh_key(group, rng);
    for (const BigInt& y : {BigInt(0), BigInt(1), BigInt(group.p - 1), BigInt(group.p), BigInt(group.p + 1)}) {
        INFO(crypto::to_hex_text(y));
        CHECK_THROWS_WITH_AS(crypto::dh_shared_secret(mine, y), doctest::Contains("1 < Y < p-1"), Error);
        CHECK_THROWS_AS(crypto::dh_shared_secret(mine, crypto::to_bytes_minimal(y)), Error);
    }
    CHECK_NOTHROW(crypto::dh_shared_secret(mine, BigInt(2)));
    CHECK_NOTHROW(crypto::dh_shared_secret(mine, BigInt(group.p - 2)));
}

TEST_CASE("Logjam: a server's group below 2048 bits is refused unless the minimum is lowered") {
    const crypto::DhGroup big = crypto::named_dh_group(crypto::NamedDhGroup::ffdhe2048);
    CHECK_NOTHROW(crypto::accept_server_dh_group(crypto::to_bytes_minimal(big.p), crypto::to_bytes_minimal(big.g)));
    // The size rule looks only at the size: the top half of the ffdhe2048 prime, made odd, will do.
    BigInt p1024 = big.p >> 1024;
    p1024 |= 1;
    const Bytes p_bytes = crypto::to_bytes_minimal(p1024);
    CHECK_THROWS_WITH_AS(crypto::accept_server_dh_group(p_bytes, Bytes{2}), doctest::Contains("Logjam"), Error);
    const crypto::DhGroup lab = crypto::accept_server_dh_group(p_bytes, Bytes{2}, 1024);
    CHECK(lab.bits() == 1024);
    CHECK(lab.exponent_bits == 0);  // unknown structure: full-length exponents
    CHECK_THROWS_AS(crypto::accept_server_dh_group(crypto::to_bytes_minimal(big.p + 1), Bytes{2}), Error);
    CHECK_THROWS_AS(crypto::accept_server_dh_group(crypto::to_bytes_minimal(big.p), Bytes{1}), Error);
    CHECK_THROWS_AS(crypto::accept_server_dh_group(crypto::to_bytes_minimal(big.p), crypto::to_bytes_minimal(big.p - 1)), Error);
}

TEST_CASE("private exponents: full range for unknown groups, and x outside [1, p-2] is refused") {
    crypto::HmacDrbg rng = test::seeded_random("exponents");
    crypto::DhGroup group = crypto::named_dh_group(crypto::NamedDhGroup::ffdhe2048);
    group.exponent_bits = 0;
    const crypto::DhPrivateKey key = crypto::generate_dh_key(group, rng);
    CHECK(crypto::bit_length(key.private_exponent()) > 1900);
    CHECK_THROWS_AS(crypto::DhPrivateKey(group, BigInt(0)), Error);
    CHECK_THROWS_AS(crypto::DhPrivateKey(group, BigInt(group.p - 1)), Error);
    // Y = g^x: with x = 1, Y is g itself.
    CHECK(crypto::DhPrivateKey(group, BigInt(1)).public_value() == 2);
}
