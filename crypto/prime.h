// Probable primes: trial division by small primes, then the Miller-Rabin test of FIPS 186-5
// Appendix B.3.1, with its bases drawn from an injected RandomSource.
//
// Miller-Rabin never calls a prime composite; it calls a composite "probably prime" with a
// probability that shrinks with each round. How many rounds are enough depends on where the
// number came from:
//   - a number we drew at random (RSA key generation): FIPS 186-5 Table B.1 gives the rounds for
//     an error probability matched to the key's security strength, few because a random composite
//     almost never fools even one round;
//   - a number someone else chose (a DH prime in a vector file, or a test): it may have been built
//     to fool the test, so only the worst-case bound (1/4 per round) counts, and we use 64 rounds
//     (error at most 2^-128).
#pragma once

#include <cstddef>

#include "crypto/bignum.h"
#include "crypto/random.h"

namespace lucid::crypto {

// FIPS 186-5 Appendix B.3, Table B.1, column "M-R tests only" for p and q, at the error
// probability matching the security strength of the modulus: 5 rounds for 1024-bit primes
// (nlen 2048, 2^-112), 4 for 1536-bit (nlen 3072, 2^-128) and 4 for 2048-bit (nlen 4096, 2^-144).
// Primes shorter than 1024 bits (keys below FIPS sizes, for labs) get 7 rounds, the 512-bit row of
// FIPS 186-4 Table C.2; primes longer than 2048 bits get 4.
int miller_rabin_rounds_for_rsa_prime(std::size_t prime_bits);

// Rounds for a number whose origin is unknown or adversarial: 4^-64 = 2^-128.
inline constexpr int miller_rabin_rounds_adversarial = 64;

// True if w is divisible by one of the odd primes below 2000 (and is not that prime). A cheap
// filter that removes most random candidates before the expensive test.
bool has_small_prime_factor(const BigInt& w);

// FIPS 186-5 Appendix B.3.1 Miller-Rabin probabilistic primality test, `iterations` rounds with
// bases uniform in [2, w-2]. Returns false for "COMPOSITE", true for "PROBABLY PRIME".
// Handles w < 5 and even w directly.
bool miller_rabin(const BigInt& w, int iterations, RandomSource& rng);

// Trial division, then Miller-Rabin with `iterations` rounds.
bool is_probable_prime(const BigInt& w, int iterations, RandomSource& rng);

}  // namespace lucid::crypto
