#include "crypto/prime.h"

#include <vector>

namespace lucid::crypto {

namespace {

// The odd primes below 2000, by the sieve of Eratosthenes, computed once.
const std::vector<unsigned long>& small_odd_primes() {
    static const std::vector<unsigned long> primes = [] {
        constexpr unsigned long limit = 2000;
        std::vector<bool> composite(limit, false);
        std::vector<unsigned long> out;
        for (unsigned long i = 3; i < limit; i += 2) {
            if (composite[i]) continue;
            out.push_back(i);
            for (unsigned long j = i * i; j < limit; j += 2 * i) composite[j] = true;
        }
        return out;
    }();
    return primes;
}

}  // namespace

// FIPS 186-5 Appendix B.3, Table B.1 (and FIPS 186-4 Table C.2 below 1024 bits).
int miller_rabin_rounds_for_rsa_prime(std::size_t prime_bits) {
    if (prime_bits >= 1536) return 4;
    if (prime_bits >= 1024) return 5;
    return 7;
}

bool has_small_prime_factor(const BigInt& w) {
    for (unsigned long prime : small_odd_primes()) {
        if (mpz_divisible_ui_p(w.get_mpz_t(), prime) != 0 && w != prime) return true;
    }
    return false;
}

// FIPS 186-5 Appendix B.3.1
bool miller_rabin(const BigInt& w, int iterations, RandomSource& rng) {
    install_wiping_allocator();
    if (w < 2) return false;
    if (w == 2 || w == 3) return true;
    if (mpz_even_p(w.get_mpz_t())) return false;

    // Steps 1 and 2: let a be the largest integer such that 2^a divides w-1; m = (w-1) / 2^a.
    const BigInt w_minus_1 = w - 1;
    const mp_bitcnt_t a = mpz_scan1(w_minus_1.get_mpz_t(), 0);
    BigInt m;
    mpz_tdiv_q_2exp(m.get_mpz_t(), w_minus_1.get_mpz_t(), a);

    // Step 4: for i = 1 to iterations.
    for (int i = 0; i < iterations; ++i) {
        // Steps 4.1 and 4.2: a random b with 1 < b < w-1.
        const BigInt b = random_in_range(rng, 2, w - 2);
        // Step 4.3: z = b^m mod w.
        BigInt z;
        mpz_powm(z.get_mpz_t(), b.get_mpz_t(), m.get_mpz_t(), w.get_mpz_t());
        // Step 4.4: if z = 1 or z = w-1, go to step 4.7 (next round).
        if (z == 1 || z == w_minus_1) continue;
        // Step 4.5: for j = 1 to a-1: z = z^2 mod w; if z = w-1, next round; if z = 1, composite.
        bool next_round = false;
        for (mp_bitcnt_t j = 1; j < a; ++j) {
            z = (z * z) % w;
            if (z == w_minus_1) {
                next_round = true;
                break;
            }
            if (z == 1) return false;
        }
        // Step 4.6: "Return COMPOSITE".
        if (!next_round) return false;
    }
    // Step 5: "Return PROBABLY PRIME".
    return true;
}

bool is_probable_prime(const BigInt& w, int iterations, RandomSource& rng) {
    if (w < 2) return false;
    if (mpz_even_p(w.get_mpz_t())) return w == 2;
    if (has_small_prime_factor(w)) return false;
    return miller_rabin(w, iterations, rng);
}

}  // namespace lucid::crypto
