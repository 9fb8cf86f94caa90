// RSA key generation: random probable primes, FIPS 186-5 Appendix A.1.3, with e = 65537.
//
// FIPS 186-5 allows moduli of 2048 bits and more; smaller even sizes down to 512 bits are accepted
// here for labs and quick tests (a 512-bit modulus is factored in hours on a laptop: never use one
// for anything real).
#pragma once

#include <cstddef>

#include "crypto/random.h"
#include "crypto/rsa.h"

namespace lucid::crypto {

inline constexpr unsigned long rsa_default_public_exponent = 65537;

// Throws lucid::Error unless 512 <= bits <= 16384 and bits is even. All randomness comes from rng,
// so a seeded HmacDrbg gives the same key every time.
RsaPrivateKey generate_rsa_key(std::size_t bits, RandomSource& rng);

}  // namespace lucid::crypto
