// Tests of crypto/field25519.cpp: arithmetic modulo p = 2^255 - 19.
#include <doctest/doctest.h>
#include <gmp.h>

#include <cstdint>
#include <vector>

#include "crypto/field25519.h"
#include "crypto/hex.h"

using namespace lucid;
using namespace lucid::crypto;

namespace {

// Little-endian hex of small numbers and of p - 1, p, p + 1.
const char* const p_minus_1 = "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f";
const char* const p_hex = "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f";
const char* const p_plus_1 = "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f";
const char* const one = "0100000000000000000000000000000000000000000000000000000000000000";
const char* const zero = "0000000000000000000000000000000000000000000000000000000000000000";

std::string round_trip(const char* hex) { return to_hex(fe25519_to_bytes(fe25519_from_bytes(from_hex(hex)))); }

Fe25519 fe(const char* hex) { return fe25519_from_bytes(from_hex(hex)); }

}  // namespace

TEST_CASE("RFC 7748 §5: non-canonical u-coordinates (p .. 2^255 - 1) act as their residue; encoding is canonical") {
    CHECK(round_trip(p_minus_1) == p_minus_1);
    CHECK(round_trip(p_hex) == zero);
    CHECK(round_trip(p_plus_1) == one);
    CHECK(round_trip("ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f") ==
          "1200000000000000000000000000000000000000000000000000000000000000");  // 2^255 - 1 = p + 18
}

TEST_CASE("RFC 7748 §5: decodeUCoordinate masks the most significant bit of the last byte") {
    CHECK(round_trip("0900000000000000000000000000000000000000000000000000000000000080") ==
          "0900000000000000000000000000000000000000000000000000000000000000");
}

TEST_CASE("field 2^255 - 19: subtraction wraps around p, multiplication and inversion agree") {
    CHECK(to_hex(fe25519_to_bytes(fe25519_sub(fe(zero), fe(one)))) == p_minus_1);
    CHECK(to_hex(fe25519_to_bytes(fe25519_add(fe(p_minus_1), fe(one)))) == zero);
    // (p - 1)^2 = 1
    CHECK(to_hex(fe25519_to_bytes(fe25519_square(fe(p_minus_1)))) == one);
    const Fe25519 x = fe("a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449a44");
    CHECK(to_hex(fe25519_to_bytes(fe25519_mul(x, fe25519_invert(x)))) == one);
    CHECK(to_hex(fe25519_to_bytes(fe25519_mul_small(fe(one), 121665))) ==
          "41db010000000000000000000000000000000000000000000000000000000000");
    CHECK(to_hex(fe25519_to_bytes(fe25519_invert(fe(zero)))) == zero);
}

namespace {

// The value of an element (limbs possibly over 51 bits) as a GMP integer, reduced mod p.
void value_mod_p(mpz_t out, const Fe25519& a) {
    mpz_t p, limb;
    mpz_inits(p, limb, nullptr);
    mpz_ui_pow_ui(p, 2, 255);
    mpz_sub_ui(p, p, 19);
    mpz_set_ui(out, 0);
    for (int i = 4; i >= 0; --i) {
        mpz_mul_2exp(out, out, 51);
        mpz_set_ui(limb, a.limb[static_cast<std::size_t>(i)]);
        mpz_add(out, out, limb);
    }
    mpz_mod(out, out, p);
    mpz_clears(p, limb, nullptr);
}

bool same_value(const Fe25519& a, const Fe25519& b) {
    mpz_t x, y;
    mpz_inits(x, y, nullptr);
    value_mod_p(x, a);
    value_mod_p(y, b);
    const bool same = mpz_cmp(x, y) == 0;
    mpz_clears(x, y, nullptr);
    return same;
}

// x * y mod p computed by GMP, as an element with 51-bit limbs.
Fe25519 gmp_product(const Fe25519& a, const Fe25519& b) {
    mpz_t x, y;
    mpz_inits(x, y, nullptr);
    value_mod_p(x, a);
    value_mod_p(y, b);
    mpz_mul(x, x, y);
    mpz_set_ui(y, 1);
    mpz_mul_2exp(y, y, 255);
    mpz_sub_ui(y, y, 19);
    mpz_mod(x, x, y);
    Fe25519 r;
    for (std::size_t i = 0; i < 5; ++i) {
        r.limb[i] = mpz_getlimbn(x, 0) & ((std::uint64_t{1} << 51) - 1);
        mpz_fdiv_q_2exp(x, x, 51);
    }
    mpz_clears(x, y, nullptr);
    return r;
}

}  // namespace

TEST_CASE("field 2^255 - 19: the dedicated squaring, the multiplication, addition and subtraction give GMP's a*b mod p, up to 52-bit limbs") {
    // Operands as the ladder gives them: loosely reduced, limbs just under 2^52 at worst (the
    // largest inputs the products' 128-bit sums are sized for), and ordinary ones.
    constexpr std::uint64_t max52 = (std::uint64_t{1} << 52) - 1;
    std::vector<Fe25519> values = {Fe25519{{max52, max52, max52, max52, max52}}, fe(p_minus_1), fe(one), fe(zero),
                                   fe("a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449a44")};
    std::uint64_t state = 0x9e3779b97f4a7c15u;  // a fixed xorshift sequence: public test values
    for (int n = 0; n < 200; ++n) {
        Fe25519 v;
        for (auto& limb : v.limb) {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            limb = state & max52;
        }
        values.push_back(v);
    }
    for (const Fe25519& a : values) {
        CHECK(same_value(fe25519_square(a), gmp_product(a, a)));
        CHECK(same_value(fe25519_mul(a, values[1]), gmp_product(a, values[1])));
        CHECK(same_value(fe25519_mul(a, values.back()), gmp_product(a, values.back())));
        // Sums and differences (carried on 64-bit words): (a + c) - c = a.
        CHECK(same_value(fe25519_sub(fe25519_add(a, values.back()), values.back()), a));
        // Fermat's a^(p-2) by the addition chain: a * a^-1 = 1, and 0 stays 0.
        CHECK(same_value(fe25519_mul(a, fe25519_invert(a)), same_value(a, fe(zero)) ? fe(zero) : fe(one)));
    }
}
