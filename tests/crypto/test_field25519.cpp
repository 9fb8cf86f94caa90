// Tests of crypto/field25519.cpp: arithmetic modulo p = 2^255 - 19.
#include <doctest/doctest.h>

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
