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

namespace {
// The first `zero_bytes` bytes it gives are zeros (candidates far below the sqrt(2) bound of
// FIPS 186-5 A.1.3 step 4.4), then the bytes of a seeded HMAC_DRBG.
class ZerosThenDrbg final : public lucid::crypto::RandomSource {
public:
    explicit ZerosThenDrbg(std::size_t zero_bytes)
        : zeros_left_(zero_bytes), drbg_(lucid::as_bytes("keygen zeros test"), {}, {}) {}
    void fill(lucid::MutableByteView out) override {
        for (auto& b : out) {
            if (zeros_left_ > 0) {
                b = 0;
                --zeros_left_;
            } else {
                drbg_.fill(lucid::MutableByteView(&b, 1));
            }
        }
    }

private:
    std::size_t zeros_left_;
    lucid::crypto::HmacDrbg drbg_;
};
}  // namespace

TEST_CASE("FIPS 186-5 §A.1.3 step 4.7: candidates sent back at step 4.4 do not count towards the limit") {
    // 512-bit modulus: 256-bit primes, 32 bytes a draw, a limit of 5 * 256 = 1280 counted
    // candidates. 1500 draws below the bound came before the real ones; the old loop counted them
    // and gave up with "no prime found".
    ZerosThenDrbg rng(1500 * 32);
    const auto key = lucid::crypto::generate_rsa_key(512, rng);
    CHECK(key.size_bytes() == 64);
}

TEST_CASE("key generation from a random source that only gives zeros fails with a sentence, not a hang") {
    ZerosThenDrbg rng(SIZE_MAX);
    CHECK_THROWS_WITH_AS(lucid::crypto::generate_rsa_key(512, rng),
                         doctest::Contains("below the sqrt(2)"), lucid::Error);
}
