#include "crypto/rsa_keygen.h"

#include <string>

#include "crypto/error.h"
#include "crypto/prime.h"

namespace lucid::crypto {

namespace {

// FIPS 186-5 Appendix A.1.3 steps 4 (for p) and 5 (for q): a random odd number of nlen/2 bits,
// at least sqrt(2) * 2^(nlen/2 - 1) so that p*q has exactly nlen bits, with gcd(p-1, e) = 1,
// that passes Miller-Rabin. `other` is p when generating q (step 5.4: not too close to p).
BigInt generate_prime_factor(std::size_t nlen, const BigInt& e, const BigInt* other, RandomSource& rng) {
    const std::size_t half = nlen / 2;
    const int rounds = miller_rabin_rounds_for_rsa_prime(half);
    // p >= sqrt(2) * 2^(nlen/2 - 1) is p^2 >= 2^(nlen - 1), which needs no square root.
    BigInt lower_bound_of_square;
    mpz_ui_pow_ui(lower_bound_of_square.get_mpz_t(), 2, nlen - 1);
    // Step 5.4: |p - q| > 2^(nlen/2 - 100), or factoring by Fermat's method would be quick.
    BigInt minimum_distance;
    mpz_ui_pow_ui(minimum_distance.get_mpz_t(), 2, half - 100);

    // Step 4.7 / 5.8: give up after 5 * nlen/2 candidates. Only candidates that get past steps
    // 4.4 / 5.4 count (the counter i is incremented at step 4.6 / 5.7): about 70% of uniform
    // nlen/2-bit draws fall below the sqrt(2) bound and are simply drawn again. With 5 * nlen/2
    // counted odd candidates and a prime density of about 2 / ln(2^(nlen/2)) among odd numbers,
    // failure needs a broken random source.
    std::size_t counted = 0;
    // A random source that never gets past step 4.4 (all zeros, say) must not loop forever: cap
    // the uncounted draws too. Reaching the cap has probability about 0.7^(50 * nlen/2).
    std::size_t draws = 0;
    const std::size_t max_draws = 50 * half;
    while (counted < 5 * half && draws < max_draws) {
        ++draws;
        // Steps 4.2 and 4.3: obtain a string of nlen/2 bits; make it odd.
        BigInt candidate = random_bits(rng, half);
        mpz_setbit(candidate.get_mpz_t(), 0);
        // Step 4.4: if p < sqrt(2) * 2^(nlen/2 - 1), go back to step 4.2.
        if (candidate * candidate < lower_bound_of_square) continue;
        if (other != nullptr) {
            BigInt distance = candidate - *other;
            if (abs(distance) <= minimum_distance) continue;
        }
        ++counted;  // step 4.6 / 5.7
        // Step 4.5: if GCD(p-1, e) = 1, test for primality.
        BigInt g;
        const BigInt candidate_minus_1 = candidate - 1;
        mpz_gcd(g.get_mpz_t(), candidate_minus_1.get_mpz_t(), e.get_mpz_t());
        if (g != 1) continue;
        if (is_probable_prime(candidate, rounds, rng)) return candidate;
    }
    if (counted < 5 * half) {
        throw Error("RSA key generation: the random source gave " + std::to_string(draws) +
                    " candidates in a row below the sqrt(2) * 2^(nlen/2 - 1) bound; is it broken?");
    }
    throw Error("RSA key generation: no prime found in " + std::to_string(5 * half) + " candidates");
}

}  // namespace

// FIPS 186-5 Appendix A.1.3
RsaPrivateKey generate_rsa_key(std::size_t bits, RandomSource& rng) {
    install_wiping_allocator();
    if (bits < 512 || bits > 16384 || bits % 2 != 0) {
        throw Error("RSA key generation: the modulus size must be an even number of bits from 512 to 16384, not " +
                    std::to_string(bits));
    }
    const BigInt e = rsa_default_public_exponent;
    BigInt minimum_d;  // FIPS 186-5 §A.1.1: d > 2^(nlen/2)
    mpz_ui_pow_ui(minimum_d.get_mpz_t(), 2, bits / 2);
    for (;;) {
        BigInt p = generate_prime_factor(bits, e, nullptr, rng);
        BigInt q = generate_prime_factor(bits, e, &p, rng);
        if (p < q) std::swap(p, q);  // the usual order (qInv = q^-1 mod p), not a requirement
        RsaPrivateKey key = RsaPrivateKey::from_primes(std::move(p), std::move(q), e);
        // Vanishingly rare for e = 65537, but the standard asks for the check.
        if (key.d() > minimum_d) return key;
    }
}

}  // namespace lucid::crypto
