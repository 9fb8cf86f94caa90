#include <doctest/doctest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "crypto/cpu.h"
#include "crypto/error.h"
#include "crypto/rsa.h"
#include "tests/crypto/rsa_test_keys.h"

using namespace lucid;
using crypto::BigInt;
using crypto::RsaPrivateKey;
using crypto::RsaPublicKey;

namespace {

// c^d mod n the schoolbook way: no CRT, no blinding. An independent path to compare with.
BigInt plain_power(const BigInt& base, const BigInt& exponent, const BigInt& modulus) {
    BigInt out;
    mpz_powm(out.get_mpz_t(), base.get_mpz_t(), exponent.get_mpz_t(), modulus.get_mpz_t());
    return out;
}

RsaPrivateKey rebuild(const RsaPrivateKey& k) {
    return RsaPrivateKey::from_components(k.n(), k.e(), k.d(), k.p(), k.q(), k.dp(), k.dq(), k.qinv());
}

}  // namespace

TEST_CASE("RFC 8017 §3.2: a consistent private key is accepted from its eight components") {
    const RsaPrivateKey& key = test::test_key_1024();
    const RsaPrivateKey copy = rebuild(key);
    CHECK(copy.n() == key.p() * key.q());
    CHECK(copy.size_bytes() == 128);
    CHECK(copy.modulus_bits() == 1024);
    // The byte-string constructor (what x509/ uses) gives the same key.
    const RsaPrivateKey from_bytes = RsaPrivateKey::from_components(
        crypto::to_bytes_minimal(key.n()), crypto::to_bytes_minimal(key.e()), crypto::to_bytes_minimal(key.d()),
        crypto::to_bytes_minimal(key.p()), crypto::to_bytes_minimal(key.q()), crypto::to_bytes_minimal(key.dp()),
        crypto::to_bytes_minimal(key.dq()), crypto::to_bytes_minimal(key.qinv()));
    CHECK(from_bytes.d() == key.d());
}

TEST_CASE("RFC 8017 §3.2: keys whose CRT values do not match are rejected with the value named") {
    const RsaPrivateKey& k = test::test_key_1024();
    CHECK_THROWS_WITH_AS(RsaPrivateKey::from_components(k.n(), k.e(), k.d(), k.p(), k.q(), k.dp() + 2, k.dq(), k.qinv()),
                         doctest::Contains("dP is not d mod (p-1)"), Error);
    CHECK_THROWS_WITH_AS(RsaPrivateKey::from_components(k.n(), k.e(), k.d(), k.p(), k.q(), k.dp(), k.dq() - 2, k.qinv()),
                         doctest::Contains("dQ is not d mod (q-1)"), Error);
    CHECK_THROWS_WITH_AS(RsaPrivateKey::from_components(k.n(), k.e(), k.d(), k.p(), k.q(), k.dp(), k.dq(), k.qinv() + 1),
                         doctest::Contains("qInv is not q^-1 mod p"), Error);
    CHECK_THROWS_WITH_AS(RsaPrivateKey::from_components(k.n(), k.e(), k.d() + 2, k.p(), k.q(), k.dp(), k.dq(), k.qinv()),
                         doctest::Contains("e*d is not 1 mod lcm"), Error);
    CHECK_THROWS_WITH_AS(RsaPrivateKey::from_components(k.n() + 2, k.e(), k.d(), k.p(), k.q(), k.dp(), k.dq(), k.qinv()),
                         doctest::Contains("n is not p*q"), Error);
    // Swapping p and q without recomputing qInv is the classic mistake when importing keys.
    CHECK_THROWS_AS(RsaPrivateKey::from_components(k.n(), k.e(), k.d(), k.q(), k.p(), k.dq(), k.dp(), k.qinv()), Error);
}

TEST_CASE("RFC 8017 §3.1: public keys with an even modulus, a bad exponent or under 512 bits are rejected") {
    const RsaPrivateKey& k = test::test_key_1024();
    CHECK_THROWS_WITH_AS(RsaPublicKey(k.n() + 1, k.e()), doctest::Contains("even"), Error);
    CHECK_THROWS_AS(RsaPublicKey(k.n(), BigInt(65536)), Error);
    CHECK_THROWS_AS(RsaPublicKey(k.n(), BigInt(1)), Error);
    CHECK_THROWS_AS(RsaPublicKey(k.n(), k.n()), Error);
    BigInt small = 1;
    small <<= 500;
    CHECK_THROWS_WITH_AS(RsaPublicKey(small + 1, BigInt(3)), doctest::Contains("below the minimum"), Error);
}

TEST_CASE("FIPS 186-5 §A.1.1: from_primes computes d = e^-1 mod lcm(p-1, q-1) and the CRT values") {
    const RsaPrivateKey& k = test::test_key_1024();
    const RsaPrivateKey made = RsaPrivateKey::from_primes(k.p(), k.q(), k.e());
    CHECK(made.d() == k.d());
    CHECK(made.dp() == k.dp());
    CHECK(made.qinv() == k.qinv());
    CHECK_THROWS_AS(RsaPrivateKey::from_primes(k.p(), k.p(), k.e()), Error);
}

TEST_CASE("SP 800-56B Rev. 2 Appendix C.2: p and q are recovered from n, e and d") {
    const RsaPrivateKey& k = test::test_key_1024();
    crypto::HmacDrbg rng = test::seeded_random("factor from d");
    const RsaPrivateKey recovered = RsaPrivateKey::from_exponents(k.n(), k.e(), k.d(), rng);
    CHECK(recovered.p() * recovered.q() == k.n());
    CHECK(((recovered.p() == k.p() && recovered.q() == k.q()) || (recovered.p() == k.q() && recovered.q() == k.p())));
    CHECK_THROWS_AS(RsaPrivateKey::from_exponents(k.n(), k.e(), k.d() + 1, rng), Error);
}

TEST_CASE("RFC 8017 §5.1: RSADP (CRT, blinded) inverts RSAEP and equals c^d mod n computed plainly") {
    const RsaPrivateKey& key = test::test_key_1024();
    crypto::HmacDrbg rng = test::seeded_random("rsadp");
    for (int i = 0; i < 10; ++i) {
        const BigInt m = crypto::random_in_range(rng, 0, key.n() - 1);
        const BigInt c = crypto::rsaep(key.public_key(), m);
        CHECK(c == plain_power(m, key.e(), key.n()));
        CHECK(crypto::rsadp(key, c, rng) == m);
        CHECK(crypto::rsadp(key, c, rng) == plain_power(c, key.d(), key.n()));
    }
    // The edges: 0, 1 and n-1 are their own e-th powers (or their negatives).
    CHECK(crypto::rsadp(key, 0, rng) == 0);
    CHECK(crypto::rsadp(key, 1, rng) == 1);
    CHECK(crypto::rsadp(key, key.n() - 1, rng) == key.n() - 1);
}

TEST_CASE("RFC 8017 §5.2: RSASP1 and RSAVP1 are inverse") {
    const RsaPrivateKey& key = test::test_key_2048();
    crypto::HmacDrbg rng = test::seeded_random("rsasp1");
    const BigInt m = crypto::random_in_range(rng, 0, key.n() - 1);
    CHECK(crypto::rsavp1(key.public_key(), crypto::rsasp1(key, m, rng)) == m);
}

TEST_CASE("blinding: the result does not depend on the blinding random stream") {
    const RsaPrivateKey& key = test::test_key_1024();
    crypto::HmacDrbg a = test::seeded_random("blinding a");
    crypto::HmacDrbg b = test::seeded_random("blinding b");
    const BigInt c = crypto::random_in_range(a, 2, key.n() - 1);
    CHECK(crypto::rsadp(key, c, a) == crypto::rsadp(key, c, b));
}

TEST_CASE("RFC 8017 §5: representatives outside [0, n-1] are rejected") {
    const RsaPrivateKey& key = test::test_key_1024();
    crypto::HmacDrbg rng = test::seeded_random("range");
    CHECK_THROWS_WITH_AS(crypto::rsadp(key, key.n(), rng), doctest::Contains("out of range"), Error);
    CHECK_THROWS_AS(crypto::rsadp(key, BigInt(-1), rng), Error);
    CHECK_THROWS_AS(crypto::rsasp1(key, key.n() + 5, rng), Error);
    CHECK_THROWS_AS(crypto::rsaep(key.public_key(), key.n()), Error);
    CHECK_THROWS_AS(crypto::rsavp1(key.public_key(), key.n()), Error);
}

TEST_CASE("Bellcore (Boneh-DeMillo-Lipton 1997): a faulted CRT half is caught and no result is released") {
    const RsaPrivateKey& key = test::test_key_1024();
    crypto::HmacDrbg rng = test::seeded_random("bellcore");
    const BigInt c = crypto::random_in_range(rng, 2, key.n() - 1);
    CHECK_THROWS_WITH_AS(crypto::testing::rsadp_with_injected_fault(key, c, rng),
                         doctest::Contains("public exponent"), Error);
    // The same input without the fault goes through: the check rejects faults, not inputs.
    CHECK_NOTHROW(crypto::rsadp(key, c, rng));
}

TEST_CASE("blinding refreshed by squaring (Kocher 1996 §10): results stay right across redraws") {
    const RsaPrivateKey key = rebuild(test::test_key_1024());  // its own, fresh blinding pair
    crypto::HmacDrbg rng = test::seeded_random("squared blinding");
    // More than two periods of blinding_uses_per_draw: squared pairs, then a fresh draw, twice.
    for (unsigned i = 0; i < 2 * RsaPrivateKey::blinding_uses_per_draw + 5; ++i) {
        const BigInt m = BigInt(1000 + i) * 7919;
        CHECK(crypto::rsasp1(key, m, rng) == plain_power(m, key.d(), key.n()));
    }
}

TEST_CASE("RFC 8017 §5.1.2: inputs that are 0, 1, n-1 or a multiple of p or q decrypt correctly") {
    const RsaPrivateKey& key = test::test_key_1024();
    crypto::HmacDrbg rng = test::seeded_random("edge inputs");
    for (const BigInt& c : {BigInt(0), BigInt(1), BigInt(key.n() - 1), BigInt(key.p()), BigInt(key.q() * 3)}) {
        CHECK(crypto::rsadp(key, c, rng) == plain_power(c, key.d(), key.n()));
    }
}

TEST_CASE("one key used by several threads at once (lucid server --workers): every result is right") {
    const RsaPrivateKey key = rebuild(test::test_key_1024());
    std::atomic<int> wrong{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&key, &wrong, t] {
            crypto::HmacDrbg rng = test::seeded_random("thread " + std::to_string(t));
            for (int i = 0; i < 40; ++i) {
                const BigInt m = BigInt(t * 1000 + i + 2);
                if (crypto::rsasp1(key, m, rng) != plain_power(m, key.d(), key.n())) ++wrong;
            }
        });
    }
    for (std::thread& thread : threads) thread.join();
    CHECK(wrong == 0);
}

TEST_CASE("blinding: what the caller's generator yields after an operation does not depend on the key's history") {
    // --seed: the CBC IVs a connection draws after its RSA operation must be the same whether the
    // key is fresh (draws a new r) or has a squared pair ready.
    const RsaPrivateKey key = rebuild(test::test_key_1024());
    const BigInt m = 424242;
    crypto::HmacDrbg first = test::seeded_random("history");
    crypto::rsasp1(key, m, first);  // fresh key: a new r
    crypto::HmacDrbg second = test::seeded_random("history");
    crypto::rsasp1(key, m, second);  // the squared pair
    CHECK(first.bytes(32) == second.bytes(32));
}

TEST_CASE("RFC 8017 §5.1.2 step 2b: the Montgomery exponentiation (both paths) agrees with GMP's mpn_sec_powm") {
    for (const RsaPrivateKey* key : {&test::test_key_1024(), &test::test_key_2048()}) {
        crypto::HmacDrbg inputs = test::seeded_random("montgomery vs gmp inputs");
        for (bool portable : {false, true}) {
            const bool before = crypto::cpu_force_portable(portable);
            crypto::HmacDrbg rng_a = test::seeded_random("blinding"), rng_b = test::seeded_random("blinding");
            for (int i = 0; i < 8; ++i) {
                const BigInt c = i == 0 ? key->n() - 1 : crypto::random_in_range(inputs, 0, key->n() - 1);
                const BigInt ours = crypto::testing::rsadp_with_montgomery_exponentiation(*key, c, rng_a);
                CHECK(ours == crypto::rsadp(*key, c, rng_b));
                CHECK(ours == plain_power(c, key->d(), key->n()));
            }
            crypto::cpu_force_portable(before);
        }
    }
}
