#include <doctest/doctest.h>

#include "crypto/error.h"
#include "crypto/prime.h"
#include "crypto/rsa_keygen.h"
#include "crypto/rsa_pkcs1_encryption.h"
#include "crypto/rsa_signature.h"
#include "tests/crypto/rsa_test_keys.h"

using namespace lucid;
using crypto::BigInt;

TEST_CASE("FIPS 186-5 §A.1.3: generated keys have the requested size, e = 65537, and consistent CRT values") {
    for (std::size_t bits : {512u, 1024u, 2048u}) {
        INFO(bits);
        crypto::HmacDrbg rng = test::seeded_random("keygen " + std::to_string(bits));
        const crypto::RsaPrivateKey key = crypto::generate_rsa_key(bits, rng);
        CHECK(key.modulus_bits() == bits);
        CHECK(key.e() == 65537);
        CHECK(crypto::bit_length(key.p()) == bits / 2);
        CHECK(crypto::bit_length(key.q()) == bits / 2);
        crypto::HmacDrbg check_rng = test::seeded_random("independent primality check");
        CHECK(crypto::is_probable_prime(key.p(), crypto::miller_rabin_rounds_adversarial, check_rng));
        CHECK(crypto::is_probable_prime(key.q(), crypto::miller_rabin_rounds_adversarial, check_rng));
        // §A.1.3 step 5.4: |p - q| > 2^(nlen/2 - 100).
        BigInt distance = abs(key.p() - key.q());
        CHECK(crypto::bit_length(distance) > bits / 2 - 100);
        // §A.1.1: d > 2^(nlen/2).
        CHECK(crypto::bit_length(key.d()) > bits / 2);
        // from_components re-checks every relation (it throws on any mismatch).
        CHECK_NOTHROW(crypto::RsaPrivateKey::from_components(key.n(), key.e(), key.d(), key.p(), key.q(), key.dp(),
                                                             key.dq(), key.qinv()));
    }
}

TEST_CASE("generated keys round-trip PKCS#1 v1.5 encryption and signatures") {
    crypto::HmacDrbg rng = test::seeded_random("keygen round trip");
    const crypto::RsaPrivateKey key = crypto::generate_rsa_key(1024, rng);
    const Bytes message = rng.bytes(50);
    const Bytes c = crypto::rsaes_pkcs1_v15_encrypt(key.public_key(), message, rng);
    CHECK(crypto::rsaes_pkcs1_v15_decrypt(key, c, rng).reveal() == message);
    const Bytes s = crypto::rsassa_pkcs1_v15_sign(key, crypto::HashAlgorithm::sha256, message, rng);
    CHECK(crypto::rsassa_pkcs1_v15_verify(key.public_key(), crypto::HashAlgorithm::sha256, message, s).valid);
}

TEST_CASE("key generation is a function of the random stream: same seed, same key; other seed, other key") {
    crypto::HmacDrbg a = test::seeded_random("same seed");
    crypto::HmacDrbg b = test::seeded_random("same seed");
    crypto::HmacDrbg c = test::seeded_random("other seed");
    const BigInt n_a = crypto::generate_rsa_key(512, a).n();
    CHECK(crypto::generate_rsa_key(512, b).n() == n_a);
    CHECK(crypto::generate_rsa_key(512, c).n() != n_a);
}

TEST_CASE("key generation refuses odd, tiny and huge sizes") {
    crypto::HmacDrbg rng = test::seeded_random("bad sizes");
    CHECK_THROWS_AS(crypto::generate_rsa_key(256, rng), Error);
    CHECK_THROWS_AS(crypto::generate_rsa_key(1025, rng), Error);
    CHECK_THROWS_AS(crypto::generate_rsa_key(32768, rng), Error);
}
