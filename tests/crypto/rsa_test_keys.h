// Shared by the RSA tests: deterministic random sources and keys made once per test run.
//
// The keys come from our own key generation fed by a fixed HMAC_DRBG seed, so every run uses the
// same keys; test_rsa_keygen.cpp checks key generation itself, and the published vectors
// (tests/conformance/test_rsa_vectors.cpp) check the arithmetic against keys made by others.
#pragma once

#include <string_view>

#include "conformance/replay_random.h"
#include "crypto/bytes.h"
#include "crypto/random.h"
#include "crypto/rsa.h"
#include "crypto/rsa_keygen.h"

namespace lucid::test {

// An HMAC_DRBG seeded from a label, so that each test has its own reproducible stream.
inline crypto::HmacDrbg seeded_random(std::string_view label) {
    return crypto::HmacDrbg(as_bytes("lucidtls test entropy, not secret"), as_bytes("nonce"), as_bytes(label));
}

// A 1024-bit and a 2048-bit key, generated once.
inline const crypto::RsaPrivateKey& test_key_1024() {
    static const crypto::RsaPrivateKey key = [] {
        crypto::HmacDrbg rng = seeded_random("test key 1024");
        return crypto::generate_rsa_key(1024, rng);
    }();
    return key;
}

inline const crypto::RsaPrivateKey& test_key_2048() {
    static const crypto::RsaPrivateKey key = [] {
        crypto::HmacDrbg rng = seeded_random("test key 2048");
        return crypto::generate_rsa_key(2048, rng);
    }();
    return key;
}

// The recorded-randomness source of the vector runners, for tests that need exact padding bytes.
using conformance::ReplayRandom;


}  // namespace lucid::test
