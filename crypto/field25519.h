// Arithmetic modulo p = 2^255 - 19, the field of Curve25519 (RFC 7748 §4.1), for crypto/x25519.cpp.
//
// An element is kept as five 51-bit limbs: value = l[0] + l[1]*2^51 + l[2]*2^102 + l[3]*2^153 +
// l[4]*2^204. 51 bits leave room in a 64-bit word for the carries of a few additions, and the
// product of two limbs fits in 128 bits (unsigned __int128) with room for summing five of them.
// Why 2^255 - 19 is convenient: 2^255 = 19 (mod p), so whatever overflows the top limb comes back
// into the bottom one multiplied by 19 -- the reduction is a multiplication by a small number.
//
// Every function runs the same instructions whatever the values (no branch, no table index on an
// element): in X25519 they all hold secrets. Results are "loosely reduced" (limbs a little over
// 51 bits, value possibly >= p); only to_bytes() produces the unique canonical value.
#pragma once

#include <array>
#include <cstdint>

#include "crypto/bytes.h"

namespace lucid::crypto {

struct Fe25519 {
    std::array<std::uint64_t, 5> limb{};
};

Fe25519 fe25519_zero();
Fe25519 fe25519_one();
// RFC 7748 §5 decodeUCoordinate: 32 bytes little-endian, the top bit (bit 255) ignored. Values
// from p to 2^255 - 1 are accepted and act as their residue, as §5 requires.
Fe25519 fe25519_from_bytes(ByteView bytes32);
// RFC 7748 §5 encodeUCoordinate: the canonical value (0 .. p - 1), 32 bytes little-endian.
std::array<std::uint8_t, 32> fe25519_to_bytes(const Fe25519& a);

Fe25519 fe25519_add(const Fe25519& a, const Fe25519& b);
Fe25519 fe25519_sub(const Fe25519& a, const Fe25519& b);
Fe25519 fe25519_mul(const Fe25519& a, const Fe25519& b);
Fe25519 fe25519_square(const Fe25519& a);
// a * n for a small public constant n < 2^32 (121665, the a24 of RFC 7748 §5).
Fe25519 fe25519_mul_small(const Fe25519& a, std::uint32_t n);
// a^(p-2) = 1/a by Fermat's little theorem (0 gives 0, which X25519 relies on).
Fe25519 fe25519_invert(const Fe25519& a);

}  // namespace lucid::crypto
