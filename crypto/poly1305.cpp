// Poly1305, RFC 8439 §2.5, on five 26-bit limbs.
//
//   r = clamp(key[0..15]), s = key[16..31], both little-endian numbers
//   a = 0; for each 16-byte block (the last may be shorter):
//       n = the block as a little-endian number, plus 2^(8 * its length)   (a 0x01 byte after it)
//       a = (a + n) * r  mod  p = 2^130 - 5
//   tag = (a + s) mod 2^128, 16 bytes little-endian
//
// The accumulator is kept as five limbs of 26 bits (value = sum h[i] * 2^(26 i)), so that the
// product of two limbs fits in 52 bits and five such products, some times 5, sum well under 2^64.
// Why times 5: 2^130 = 5 (mod p), so a product landing at 2^(26 (i+j)) with i + j >= 5 folds down
// to 2^(26 (i+j-5)) times 5 -- the same trick as field25519.cpp with 19. Every step is the same
// arithmetic whatever the values: the accumulator and r are secret.
#include "crypto/poly1305.h"

#include <algorithm>
#include <string>

#include "crypto/ct.h"
#include "crypto/error.h"
#include "crypto/words.h"

namespace lucid::crypto {

namespace {

constexpr std::uint32_t low26 = (1u << 26) - 1;
using Limbs = std::array<std::uint32_t, 5>;

// 16 bytes little-endian, plus `top` at bit 128 (1 for the 2^(8*16) of a full block), as limbs.
Limbs limbs_from_16_bytes(ByteView b, std::uint32_t top) {
    const std::uint32_t w0 = load_le32(b, 0), w1 = load_le32(b, 1), w2 = load_le32(b, 2), w3 = load_le32(b, 3);
    return {w0 & low26, ((w0 >> 26) | (w1 << 6)) & low26, ((w1 >> 20) | (w2 << 12)) & low26,
            ((w2 >> 14) | (w3 << 18)) & low26, (w3 >> 8) | (top << 24)};
}

// RFC 8439 §2.5: "r[3], r[7], r[11], and r[15] are required to have their top four bits clear
// (be smaller than 16)" and "r[4], r[8], and r[12] are required to have their bottom two bits
// clear (be divisible by 4)".
Limbs clamped_r(ByteView key) {
    std::array<std::uint8_t, 16> r{};
    std::copy(key.begin(), key.begin() + 16, r.begin());
    for (std::size_t i : {3, 7, 11, 15}) r[i] &= 15;
    for (std::size_t i : {4, 8, 12}) r[i] &= 252;
    const Limbs limbs = limbs_from_16_bytes(r, 0);
    ct::wipe(r.data(), r.size());
    return limbs;
}

// r and 5 r[1..4]: the multiplier of every block, made once per message.
struct Multiplier {
    Limbs r;
    Limbs r5;  // r5[j] = 5 * r[j] (r5[0] unused)
    explicit Multiplier(const Limbs& limbs) : r(limbs) {
        for (std::size_t j = 0; j < 5; ++j) r5[j] = 5 * r[j];
    }
    ~Multiplier() {
        ct::wipe(r.data(), sizeof(r));
        ct::wipe(r5.data(), sizeof(r5));
    }
};

// a = a * r mod p, schoolbook with the fold by 5, then one pass of carries (limbs back to 26
// bits, the top carry coming round to limb 0 times 5). The product a_i r_j lands at limb i + j;
// from limb 5 on it folds to limb i + j - 5 as a_i (5 r_j), hence the r5 in the upper triangle.
// Each limb is below 2^27 and 5 r_j below 2^29, so a sum of five products stays below 2^59.
void multiply(Limbs& a, const Multiplier& m) {
    const Limbs& r = m.r;
    const Limbs& r5 = m.r5;
    const std::uint64_t a0 = a[0], a1 = a[1], a2 = a[2], a3 = a[3], a4 = a[4];
    std::array<std::uint64_t, 5> d = {
        a0 * r[0] + a1 * r5[4] + a2 * r5[3] + a3 * r5[2] + a4 * r5[1],
        a0 * r[1] + a1 * r[0] + a2 * r5[4] + a3 * r5[3] + a4 * r5[2],
        a0 * r[2] + a1 * r[1] + a2 * r[0] + a3 * r5[4] + a4 * r5[3],
        a0 * r[3] + a1 * r[2] + a2 * r[1] + a3 * r[0] + a4 * r5[4],
        a0 * r[4] + a1 * r[3] + a2 * r[2] + a3 * r[1] + a4 * r[0],
    };
    std::uint64_t c = 0;
    for (std::size_t i = 0; i < 5; ++i) {
        d[i] += c;
        c = d[i] >> 26;
        a[i] = static_cast<std::uint32_t>(d[i]) & low26;
    }
    a[0] += static_cast<std::uint32_t>(c * 5);
    a[1] += a[0] >> 26;
    a[0] &= low26;
}

// The last step: a mod p exactly (a is below 2p here), then + s mod 2^128. a >= p exactly when
// a + 5 >= 2^130; the choice between a and a + 5 - 2^130 is a mask, not a branch.
// One pass of carries around the five limbs (the carry out of limb 4 is worth 2^130 = 5).
void carry_around(Limbs& a) {
    for (std::size_t i = 1; i < 5; ++i) {
        a[i] += a[i - 1] >> 26;
        a[i - 1] &= low26;
    }
    a[0] += (a[4] >> 26) * 5;
    a[4] &= low26;
    a[1] += a[0] >> 26;
    a[0] &= low26;
}

std::array<std::uint8_t, 16> finish(Limbs a, ByteView s) {
    carry_around(a);
    carry_around(a);  // the second pass absorbs the one possible carry left in limb 1

    Limbs g{};
    std::uint32_t carry = 5;
    for (std::size_t i = 0; i < 5; ++i) {
        g[i] = a[i] + carry;
        carry = g[i] >> 26;
        g[i] &= low26;
    }
    const ct::Mask use_g = ct::from_bit(carry);  // carry = bit 130 of a + 5: a >= p
    for (std::size_t i = 0; i < 5; ++i) a[i] = ct::select(use_g, g[i], a[i]);

    // The low 128 bits of a, as four 32-bit words, plus s with carries.
    const std::array<std::uint32_t, 4> w = {a[0] | (a[1] << 26), (a[1] >> 6) | (a[2] << 20),
                                            (a[2] >> 12) | (a[3] << 14), (a[3] >> 18) | (a[4] << 8)};
    std::array<std::uint8_t, 16> tag{};
    std::uint64_t sum = 0;
    for (std::size_t i = 0; i < 4; ++i) {
        sum = (sum >> 32) + w[i] + load_le32(s, i);
        store_le32(tag, i, static_cast<std::uint32_t>(sum));
    }
    return tag;
}

}  // namespace

// RFC 8439 §2.5.1.
std::array<std::uint8_t, poly1305_tag_size> poly1305(ByteView key, ByteView message) {
    if (key.size() != poly1305_key_size) {
        throw Error("Poly1305: the one-time key is 32 bytes, got " + std::to_string(key.size()));
    }
    const Multiplier r(clamped_r(key));
    Limbs a{};
    for (std::size_t offset = 0; offset < message.size(); offset += 16) {
        const std::size_t n = std::min<std::size_t>(16, message.size() - offset);
        Limbs m;
        if (n == 16) {
            m = limbs_from_16_bytes(message.subspan(offset, 16), 1);  // the 0x01 byte at bit 128
        } else {
            // A short block (the message's length is public) gets its 0x01 byte inside the 16 bytes.
            std::array<std::uint8_t, 16> block{};
            std::copy_n(message.begin() + static_cast<std::ptrdiff_t>(offset), n, block.begin());
            block[n] = 1;
            m = limbs_from_16_bytes(block, 0);
        }
        for (std::size_t i = 0; i < 5; ++i) a[i] += m[i];
        multiply(a, r);
    }
    const std::array<std::uint8_t, 16> tag = finish(a, key.subspan(16, 16));
    ct::wipe(a.data(), sizeof(a));
    return tag;
}

}  // namespace lucid::crypto
