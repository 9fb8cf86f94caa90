// crypto/montgomery: each multiplication path and the exponentiation against GMP.
#include <doctest/doctest.h>

#include <gmpxx.h>

#include <vector>

#include "crypto/cpu.h"
#include "crypto/error.h"
#include "crypto/montgomery.h"

using namespace lucid;
using crypto::Limb;
using crypto::MontgomeryPath;

namespace {

using Limbs = std::vector<Limb>;

Limbs to_limbs(const mpz_class& x, std::size_t n) {
    Limbs out(n, 0);
    mpz_export(out.data(), nullptr, -1, sizeof(Limb), 0, 0, x.get_mpz_t());
    return out;
}

mpz_class from_limbs(const Limbs& x) {
    mpz_class out;
    mpz_import(out.get_mpz_t(), x.size(), -1, sizeof(Limb), 0, 0, x.data());
    return out;
}

// The paths this machine can run: portable always, adx where the CPU has it.
std::vector<MontgomeryPath> paths() {
    std::vector<MontgomeryPath> out{MontgomeryPath::portable};
    if (crypto::cpu_has(crypto::CpuFeature::adx_bmi2)) out.push_back(MontgomeryPath::adx);
    return out;
}

struct Random {
    gmp_randclass state{gmp_randinit_default};
    Random() { state.seed(20261206); }
    // An odd modulus of exactly n limbs; `top_ones` makes its top limb all ones (R - m small, so
    // the reductions produce the extra top bit and the final subtraction's rarer case).
    mpz_class modulus(std::size_t n, bool top_ones = false) {
        mpz_class m = state.get_z_bits(64 * n);
        mpz_setbit(m.get_mpz_t(), 64 * n - 1);
        if (top_ones) {
            for (std::size_t b = 64 * n - 64; b < 64 * n; ++b) mpz_setbit(m.get_mpz_t(), b);
        }
        mpz_setbit(m.get_mpz_t(), 0);
        return m;
    }
    mpz_class below(const mpz_class& m) { return state.get_z_range(m); }
};

mpz_class r_of(std::size_t n) {
    mpz_class r = 1;
    return r << static_cast<mp_bitcnt_t>(64 * n);
}

// a * b * R^-1 mod m, the definition.
mpz_class montgomery_product(const mpz_class& a, const mpz_class& b, const mpz_class& m, std::size_t n) {
    mpz_class r_inverse;
    const mpz_class r = r_of(n);
    mpz_invert(r_inverse.get_mpz_t(), r.get_mpz_t(), m.get_mpz_t());
    return mpz_class(a * b * r_inverse % m);
}

mpz_class power(const mpz_class& base, const mpz_class& exponent, const mpz_class& m) {
    mpz_class out;
    mpz_powm(out.get_mpz_t(), base.get_mpz_t(), exponent.get_mpz_t(), m.get_mpz_t());
    return out;
}

Limbs run_power(const mpz_class& base, const mpz_class& exponent, std::size_t exponent_bits, const mpz_class& m,
                std::size_t n, MontgomeryPath path) {
    const Limbs b = to_limbs(base, n), mod = to_limbs(m, n);
    const Limbs e = to_limbs(exponent, (exponent_bits + 63) / 64 + 1);
    Limbs r2(n), out(n);
    crypto::montgomery_r_squared(r2, mod);
    crypto::montgomery_power(out, b, e, exponent_bits, mod, r2, path);
    return out;
}

}  // namespace

TEST_CASE("Dussé-Kaliski: montgomery_word_inverse gives -m0^-1 mod 2^64") {
    for (Limb m0 : {Limb{1}, Limb{3}, Limb{0xffffffffffffffc5}, Limb{0x123456789abcdef1}, ~Limb{0}}) {
        CHECK(m0 * crypto::montgomery_word_inverse(m0) == ~Limb{0});  // m0 * (-m0^-1) = -1
    }
}

TEST_CASE("montgomery_r_squared is R^2 mod m, R = 2^(64n)") {
    Random rng;
    for (std::size_t n : {1u, 2u, 3u, 16u}) {
        for (bool top_ones : {false, true}) {
            const mpz_class m = rng.modulus(n, top_ones);
            Limbs r2(n);
            crypto::montgomery_r_squared(r2, to_limbs(m, n));
            const mpz_class r = r_of(n);
            CHECK(from_limbs(r2) == mpz_class(r * r % m));
        }
    }
}

TEST_CASE("HAC Algorithm 14.36 (CIOS): every path computes a * b * R^-1 mod m, fully reduced") {
    Random rng;
    for (MontgomeryPath path : paths()) {
        CAPTURE(crypto::montgomery_path_name(path));
        for (std::size_t n : {1u, 2u, 3u, 8u, 16u, 17u, 32u}) {
            for (int round = 0; round < 40; ++round) {
                const mpz_class m = rng.modulus(n, round % 2 == 1);
                mpz_class a = rng.below(m), b = rng.below(m);
                if (round == 0) a = b = m - 1;  // the largest product
                if (round == 2) a = 0;
                const Limbs mod = to_limbs(m, n);
                Limbs out(n), scratch(n + 2);
                crypto::montgomery_multiply(out, to_limbs(a, n), to_limbs(b, n), mod,
                                            crypto::montgomery_word_inverse(mod[0]), scratch, path);
                CHECK(from_limbs(out) == montgomery_product(a, b, m, n));
                // out may be one of the operands (the exponentiation squares in place).
                Limbs x = to_limbs(a, n);
                crypto::montgomery_multiply(x, x, x, mod, crypto::montgomery_word_inverse(mod[0]), scratch, path);
                CHECK(from_limbs(x) == montgomery_product(a, a, m, n));
            }
        }
    }
}

TEST_CASE("HAC Algorithm 14.82 with a fixed 5-bit window: base^exponent mod m equals GMP's, every path") {
    Random rng;
    for (MontgomeryPath path : paths()) {
        CAPTURE(crypto::montgomery_path_name(path));
        for (std::size_t n : {1u, 2u, 5u, 16u}) {
            for (std::size_t bits : {0u, 1u, 4u, 5u, 6u, 63u, 64u, 65u, 129u, 1024u}) {
                const mpz_class m = rng.modulus(n, bits % 2 == 1);
                const mpz_class base = rng.below(m);
                mpz_class exponent = rng.state.get_z_bits(bits);
                CAPTURE(n);
                CAPTURE(bits);
                CHECK(from_limbs(run_power(base, exponent, bits, m, n, path)) == power(base, exponent, m));
                // All ones: every window is 31 (the last table entry).
                exponent = (mpz_class(1) << static_cast<mp_bitcnt_t>(bits)) - 1;
                CHECK(from_limbs(run_power(base, exponent, bits, m, n, path)) == power(base, exponent, m));
            }
            const mpz_class m = rng.modulus(n);
            const mpz_class e = rng.state.get_z_bits(200);
            for (const mpz_class& base : {mpz_class(0), mpz_class(1), mpz_class(m - 1)}) {
                CHECK(from_limbs(run_power(base, e, 200, m, n, path)) == power(base, e, m));
            }
            CHECK(from_limbs(run_power(rng.below(m), 0, 200, m, n, path)) == 1);  // x^0 = 1
        }
    }
}

TEST_CASE("montgomery_power reads the exponent only below exponent_bits (a public width)") {
    Random rng;
    const std::size_t n = 4;
    const mpz_class m = rng.modulus(n), base = rng.below(m);
    const mpz_class low = rng.state.get_z_bits(100);
    const mpz_class with_high_bits = low + (mpz_class(0x5a) << 100);
    for (MontgomeryPath path : paths()) {
        CHECK(from_limbs(run_power(base, with_high_bits, 100, m, n, path)) == power(base, low, m));
    }
}

TEST_CASE("Montgomery arithmetic rejects an even modulus, m = 1 and operands of other sizes") {
    Limbs even{4, 1}, one{1}, out(2), r2(2), base(2, 0), e(1, 5);
    CHECK_THROWS_WITH_AS(crypto::montgomery_r_squared(r2, even), doctest::Contains("modulus must be odd"), Error);
    Limbs out1(1);
    CHECK_THROWS_WITH_AS(crypto::montgomery_r_squared(out1, one), doctest::Contains("above 1"), Error);
    Limbs odd{5, 1};
    Limbs short_base(1);
    CHECK_THROWS_WITH_AS(crypto::montgomery_power(out, short_base, e, 3, odd, r2), doctest::Contains("sizes differ"), Error);
    CHECK_THROWS_WITH_AS(crypto::montgomery_power(out, base, e, 65, odd, r2), doctest::Contains("exponent width"), Error);
}

TEST_CASE("crypto/cpu.h: LUCID_CPU=portable (cpu_force_portable) selects the portable multiplication") {
    const bool before = crypto::cpu_force_portable(true);
    CHECK(crypto::montgomery_best_path() == MontgomeryPath::portable);
    crypto::cpu_force_portable(false);
    const MontgomeryPath expected =
        crypto::cpu_has(crypto::CpuFeature::adx_bmi2) ? MontgomeryPath::adx : MontgomeryPath::portable;
    CHECK(crypto::montgomery_best_path() == expected);
    if (!crypto::cpu_has(crypto::CpuFeature::adx_bmi2)) {
        Limbs odd{5}, out(1), a(1, 2), scratch(3);
        CHECK_THROWS_WITH_AS(crypto::montgomery_multiply(out, a, a, odd, crypto::montgomery_word_inverse(5), scratch,
                                                         MontgomeryPath::adx),
                             doctest::Contains("not available"), Error);
    }
    crypto::cpu_force_portable(before);
}
