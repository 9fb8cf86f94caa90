// Arithmetic modulo p = 2^255 - 19 on five 51-bit limbs (see field25519.h for the representation).
#include "crypto/field25519.h"

#include "crypto/error.h"
#include "crypto/words.h"

namespace lucid::crypto {

namespace {

__extension__ typedef unsigned __int128 u128;  // a GCC/Clang extension on 64-bit targets
constexpr std::uint64_t low51 = (std::uint64_t{1} << 51) - 1;

// Brings every limb back under 2^51 (plus a tiny carry into limb 1): each limb's bits above 51
// move up one limb, and the top limb's overflow, worth 2^255 = 19 (mod p), comes back times 19.
Fe25519 carry(std::array<u128, 5> t) {
    Fe25519 r;
    for (int i = 0; i < 4; ++i) {
        t[i + 1] += t[i] >> 51;
        t[i] &= low51;
    }
    const u128 top = t[4] >> 51;
    t[4] &= low51;
    t[0] += top * 19;
    t[1] += t[0] >> 51;
    t[0] &= low51;
    for (int i = 0; i < 5; ++i) r.limb[i] = static_cast<std::uint64_t>(t[i]);
    return r;
}

std::array<u128, 5> widen(const Fe25519& a) {
    return {a.limb[0], a.limb[1], a.limb[2], a.limb[3], a.limb[4]};
}

}  // namespace

Fe25519 fe25519_zero() { return Fe25519{}; }

Fe25519 fe25519_one() {
    Fe25519 r;
    r.limb[0] = 1;
    return r;
}

// RFC 7748 §5 decodeUCoordinate: "When receiving such an array, implementations of X25519 MUST
// mask the most significant bit in the final byte."
Fe25519 fe25519_from_bytes(ByteView b) {
    if (b.size() != 32) throw Error("field25519: an element is 32 bytes, got " + std::to_string(b.size()));
    std::array<std::uint64_t, 4> w{};
    for (std::size_t i = 0; i < 4; ++i) {
        for (std::size_t j = 0; j < 8; ++j) w[i] |= std::uint64_t{b[8 * i + j]} << (8 * j);
    }
    w[3] &= ~(std::uint64_t{1} << 63);  // bit 255
    Fe25519 r;
    r.limb[0] = w[0] & low51;
    r.limb[1] = ((w[0] >> 51) | (w[1] << 13)) & low51;
    r.limb[2] = ((w[1] >> 38) | (w[2] << 26)) & low51;
    r.limb[3] = ((w[2] >> 25) | (w[3] << 39)) & low51;
    r.limb[4] = (w[3] >> 12) & low51;
    return r;
}

// RFC 7748 §5 encodeUCoordinate, after reducing fully: with h < 2^255 + small, h >= p exactly
// when h + 19 >= 2^255, i.e. when bit 255 of h + 19 is set. That bit, q, is computed with
// carries only; adding 19q and dropping bit 255 subtracts p when q = 1 and nothing when q = 0.
std::array<std::uint8_t, 32> fe25519_to_bytes(const Fe25519& a) {
    Fe25519 h = carry(widen(a));
    std::uint64_t q = (h.limb[0] + 19) >> 51;
    for (int i = 1; i < 5; ++i) q = (h.limb[i] + q) >> 51;
    h.limb[0] += 19 * q;
    for (int i = 0; i < 4; ++i) {
        h.limb[i + 1] += h.limb[i] >> 51;
        h.limb[i] &= low51;
    }
    h.limb[4] &= low51;  // drops 2^255: the subtraction of p is complete

    std::array<std::uint64_t, 4> w = {
        h.limb[0] | (h.limb[1] << 51),
        (h.limb[1] >> 13) | (h.limb[2] << 38),
        (h.limb[2] >> 26) | (h.limb[3] << 25),
        (h.limb[3] >> 39) | (h.limb[4] << 12),
    };
    std::array<std::uint8_t, 32> out{};
    for (std::size_t i = 0; i < 4; ++i) {
        for (std::size_t j = 0; j < 8; ++j) out[8 * i + j] = static_cast<std::uint8_t>(w[i] >> (8 * j));
    }
    return out;
}

Fe25519 fe25519_add(const Fe25519& a, const Fe25519& b) {
    std::array<u128, 5> t{};
    for (int i = 0; i < 5; ++i) t[i] = u128{a.limb[i]} + b.limb[i];
    return carry(t);
}

// a - b computed as (a + 2p) - b, so that no limb goes below zero (b's limbs are under 2^52,
// 2p's are about 2^52).
Fe25519 fe25519_sub(const Fe25519& a, const Fe25519& b) {
    constexpr std::uint64_t two_p_low = 2 * (low51 - 18);  // 2 * (2^51 - 19)
    constexpr std::uint64_t two_p_other = 2 * low51;       // 2 * (2^51 - 1)
    std::array<u128, 5> t{};
    for (int i = 0; i < 5; ++i) t[i] = u128{a.limb[i]} + (i == 0 ? two_p_low : two_p_other) - b.limb[i];
    return carry(t);
}

// Schoolbook multiplication: limb i times limb j lands at 2^(51(i+j)); where i + j >= 5 it is
// 2^255 * 2^(51(i+j-5)) = 19 * 2^(51(i+j-5)) (mod p), so it is folded down with a factor 19.
// The factor is applied to b's limb before the product (19 * b_j < 2^57 still fits a 64-bit word),
// so that every product is one 64 x 64 -> 128-bit multiplication (19 * a 128-bit product costs two
// more). Bounds: limbs under 2^52 give products under 2^109, five of them under 2^112.
Fe25519 fe25519_mul(const Fe25519& a, const Fe25519& b) {
    std::array<std::uint64_t, 5> b19{};
    for (int j = 0; j < 5; ++j) b19[j] = 19 * b.limb[j];
    std::array<u128, 5> t{};
    // Unrolled (GCC keeps the loops and the public i + j < 5 test otherwise): 25 products in a row.
#pragma GCC unroll 5
    for (int i = 0; i < 5; ++i) {
#pragma GCC unroll 5
        for (int j = 0; j < 5; ++j) {
            if (i + j < 5) t[i + j] += u128{a.limb[i]} * b.limb[j];  // i, j are loop counters: public
            else t[i + j - 5] += u128{a.limb[i]} * b19[j];
        }
    }
    return carry(t);
}

// Squaring: the same sums as fe25519_mul(a, a), with each product a_i a_j (i != j) computed once
// and doubled: 15 multiplications instead of 25. Most of the ladder's and the inversion's work is
// squarings. t_k collects the products with i + j = k, and (times 19) those with i + j = k + 5.
Fe25519 fe25519_square(const Fe25519& a) {
    const std::uint64_t a0 = a.limb[0], a1 = a.limb[1], a2 = a.limb[2], a3 = a.limb[3], a4 = a.limb[4];
    const std::uint64_t a0_2 = 2 * a0, a1_2 = 2 * a1;
    const std::uint64_t a3_19 = 19 * a3, a4_19 = 19 * a4;
    std::array<u128, 5> t{};
    t[0] = u128{a0} * a0 + u128{2 * a1} * a4_19 + u128{2 * a2} * a3_19;
    t[1] = u128{a0_2} * a1 + u128{2 * a2} * a4_19 + u128{a3} * a3_19;
    t[2] = u128{a0_2} * a2 + u128{a1} * a1 + u128{2 * a3} * a4_19;
    t[3] = u128{a0_2} * a3 + u128{a1_2} * a2 + u128{a4} * a4_19;
    t[4] = u128{a0_2} * a4 + u128{a1_2} * a3 + u128{a2} * a2;
    return carry(t);
}

Fe25519 fe25519_mul_small(const Fe25519& a, std::uint32_t n) {
    std::array<u128, 5> t{};
    for (int i = 0; i < 5; ++i) t[i] = u128{a.limb[i]} * n;
    return carry(t);
}

namespace {

Fe25519 square_times(Fe25519 a, int times) {
    for (int i = 0; i < times; ++i) a = fe25519_square(a);
    return a;
}

}  // namespace

// Fermat: a^(p-1) = 1 for a != 0, so a^(p-2) = 1/a. p - 2 = 2^255 - 21 is public, and so is the
// order of the operations below; the value a never decides anything. Square-and-multiply over the
// bits of p - 2 would take 254 squarings and 249 multiplications; the addition chain of the
// Curve25519 paper (Bernstein 2006, also in its reference code) takes 254 squarings and 11
// multiplications, by building a^(2^k - 1) for k = 5, 10, 20, 40, 50, 100, 200, 250 (a run of k
// one bits), and then 2^255 - 21 = (2^250 - 1) * 2^5 + 11. Names say which power of a each holds.
Fe25519 fe25519_invert(const Fe25519& a) {
    const Fe25519 a2 = fe25519_square(a);
    const Fe25519 a9 = fe25519_mul(square_times(a2, 2), a);
    const Fe25519 a11 = fe25519_mul(a9, a2);
    const Fe25519 ones5 = fe25519_mul(fe25519_square(a11), a9);      // a^(2^5 - 1) = a^(22 + 9)
    const Fe25519 ones10 = fe25519_mul(square_times(ones5, 5), ones5);
    const Fe25519 ones20 = fe25519_mul(square_times(ones10, 10), ones10);
    const Fe25519 ones40 = fe25519_mul(square_times(ones20, 20), ones20);
    const Fe25519 ones50 = fe25519_mul(square_times(ones40, 10), ones10);
    const Fe25519 ones100 = fe25519_mul(square_times(ones50, 50), ones50);
    const Fe25519 ones200 = fe25519_mul(square_times(ones100, 100), ones100);
    const Fe25519 ones250 = fe25519_mul(square_times(ones200, 50), ones50);
    return fe25519_mul(square_times(ones250, 5), a11);  // a^((2^250 - 1) * 2^5 + 11) = a^(p - 2)
}

}  // namespace lucid::crypto
