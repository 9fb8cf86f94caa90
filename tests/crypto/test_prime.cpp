#include <doctest/doctest.h>

#include "crypto/prime.h"
#include "tests/crypto/rsa_test_keys.h"

using namespace lucid;
using crypto::BigInt;

TEST_CASE("FIPS 186-5 Table B.1: Miller-Rabin rounds for RSA primes (M-R only, error matched to strength)") {
    CHECK(crypto::miller_rabin_rounds_for_rsa_prime(1024) == 5);
    CHECK(crypto::miller_rabin_rounds_for_rsa_prime(1536) == 4);
    CHECK(crypto::miller_rabin_rounds_for_rsa_prime(2048) == 4);
    CHECK(crypto::miller_rabin_rounds_for_rsa_prime(512) == 7);
}

TEST_CASE("FIPS 186-5 §B.3.1: Miller-Rabin agrees with a sieve on every number below 5000") {
    crypto::HmacDrbg rng = test::seeded_random("small numbers");
    std::vector<bool> composite(5000, false);
    composite[0] = composite[1] = true;
    for (unsigned i = 2; i < 5000; ++i) {
        if (!composite[i]) {
            for (unsigned j = 2 * i; j < 5000; j += i) composite[j] = true;
        }
    }
    for (unsigned w = 0; w < 5000; ++w) {
        INFO(w);
        CHECK(crypto::miller_rabin(BigInt(w), 20, rng) == !composite[w]);
        CHECK(crypto::is_probable_prime(BigInt(w), 20, rng) == !composite[w]);
    }
}

TEST_CASE("FIPS 186-5 §B.3.1: Carmichael numbers, which fool the Fermat test, are found composite") {
    crypto::HmacDrbg rng = test::seeded_random("carmichael");
    for (unsigned long c : {561ul, 1105ul, 1729ul, 2465ul, 2821ul, 6601ul, 8911ul, 41041ul, 825265ul}) {
        INFO(c);
        CHECK_FALSE(crypto::miller_rabin(BigInt(c), 20, rng));
    }
    // A large Carmichael number with no factor below 2000: Chernick's (6k+1)(12k+1)(18k+1) is a
    // Carmichael number whenever the three factors are prime, as they are for k = 1000000511.
    const BigInt k = 1000000511;
    const BigInt a = 6 * k + 1, b = 12 * k + 1, c = 18 * k + 1;
    REQUIRE(crypto::miller_rabin(a, 40, rng));
    REQUIRE(crypto::miller_rabin(b, 40, rng));
    REQUIRE(crypto::miller_rabin(c, 40, rng));
    const BigInt carmichael = a * b * c;
    CHECK_FALSE(crypto::has_small_prime_factor(carmichael));
    BigInt fermat;  // 2^(n-1) mod n = 1: the Fermat test is fooled
    const BigInt exponent = carmichael - 1;
    mpz_powm(fermat.get_mpz_t(), BigInt(2).get_mpz_t(), exponent.get_mpz_t(), carmichael.get_mpz_t());
    CHECK(fermat == 1);
    CHECK_FALSE(crypto::miller_rabin(carmichael, 40, rng));
}

TEST_CASE("Miller-Rabin: Mersenne primes and their neighbours") {
    crypto::HmacDrbg rng = test::seeded_random("mersenne");
    for (unsigned exponent : {127u, 521u, 607u, 1279u}) {
        BigInt m = 1;
        m <<= exponent;
        m -= 1;
        INFO(exponent);
        CHECK(crypto::is_probable_prime(m, 10, rng));
        CHECK_FALSE(crypto::is_probable_prime(m + 2, 10, rng));
        CHECK_FALSE(crypto::is_probable_prime(m * m, 10, rng));
    }
    BigInt composite = 1;
    composite <<= 128;  // 2^128 - 1 = 3 * 5 * 17 * 257 * ...
    composite -= 1;
    CHECK_FALSE(crypto::miller_rabin(composite, 10, rng));
}

TEST_CASE("trial division finds small factors and spares the small primes themselves") {
    CHECK(crypto::has_small_prime_factor(BigInt(1999) * 1000003));
    CHECK_FALSE(crypto::has_small_prime_factor(BigInt(1999)));
    CHECK_FALSE(crypto::has_small_prime_factor(BigInt(1000003)));
}
