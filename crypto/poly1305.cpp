// Poly1305, RFC 8439 §2.5, on three limbs of 44, 44 and 42 bits.
//
//   r = clamp(key[0..15]), s = key[16..31], both little-endian numbers
//   a = 0; for each 16-byte block (the last may be shorter):
//       n = the block as a little-endian number, plus 2^(8 * its length)   (a 0x01 byte after it)
//       a = (a + n) * r  mod  p = 2^130 - 5
//   tag = (a + s) mod 2^128, 16 bytes little-endian
//
// The accumulator and r are kept as three limbs, value = a0 + a1 2^44 + a2 2^88, so 44 + 44 + 42
// = 130 bits. A product of two limbs fits in 88 bits and three such products, some times 20, sum
// well under 2^128: one unsigned __int128 each, 9 multiplications per block (five 26-bit limbs,
// the other usual layout, need 25). Why times 20: 2^130 = 5 (mod p), and a product landing at
// bit 132 = 130 + 2 (a1 r2, a2 r1) or 176 = 130 + 46 (a2 r2) folds down to bit 0 or bit 44 times
// 5 * 2^2. Every step is the same arithmetic whatever the values (multiplications, shifts, masks;
// x86-64's MUL takes the same time for any operands): the accumulator and r are secret.
#include "crypto/poly1305.h"

#include <algorithm>
#include <string>

#include "crypto/ct.h"
#include "crypto/error.h"
#include "crypto/words.h"

namespace lucid::crypto {

namespace {

__extension__ typedef unsigned __int128 u128;  // a GCC/Clang extension on 64-bit targets
constexpr std::uint64_t mask44 = (std::uint64_t{1} << 44) - 1;
constexpr std::uint64_t mask42 = (std::uint64_t{1} << 42) - 1;
using Limbs = std::array<std::uint64_t, 3>;

std::uint64_t load_le64(ByteView b, std::size_t word) {
    return std::uint64_t{load_le32(b, 2 * word)} | (std::uint64_t{load_le32(b, 2 * word + 1)} << 32);
}

// 16 bytes little-endian, plus `top` at bit 128 (1 for the 2^(8*16) of a full block), as limbs.
Limbs limbs_from_16_bytes(ByteView b, std::uint64_t top) {
    const std::uint64_t t0 = load_le64(b, 0), t1 = load_le64(b, 1);
    return {t0 & mask44, ((t0 >> 44) | (t1 << 20)) & mask44, (t1 >> 24) | (top << 40)};
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

// r and 20 r1, 20 r2: the multiplier of every block, made once per message.
struct Multiplier {
    Limbs r;
    std::uint64_t r1_20, r2_20;
    explicit Multiplier(const Limbs& limbs) : r(limbs), r1_20(20 * limbs[1]), r2_20(20 * limbs[2]) {}
    ~Multiplier() {
        ct::wipe(r.data(), sizeof(r));
        ct::wipe(&r1_20, sizeof(r1_20));
        ct::wipe(&r2_20, sizeof(r2_20));
    }
};

// a = a * r mod p, schoolbook with the fold by 20 (above), then one pass of carries (limbs back
// to 44, 44, 42 bits, the carry out of the top limb coming round to limb 0 times 5). Each limb of
// a is below 2^45 here and 20 r_j below 2^49, so each sum of three products is below 2^96.
void multiply(Limbs& a, const Multiplier& m) {
    const Limbs& r = m.r;
    const u128 d0 = u128{a[0]} * r[0] + u128{a[1]} * m.r2_20 + u128{a[2]} * m.r1_20;
    u128 d1 = u128{a[0]} * r[1] + u128{a[1]} * r[0] + u128{a[2]} * m.r2_20;
    u128 d2 = u128{a[0]} * r[2] + u128{a[1]} * r[1] + u128{a[2]} * r[0];
    a[0] = static_cast<std::uint64_t>(d0) & mask44;
    d1 += d0 >> 44;
    a[1] = static_cast<std::uint64_t>(d1) & mask44;
    d2 += d1 >> 44;
    a[2] = static_cast<std::uint64_t>(d2) & mask42;
    a[0] += static_cast<std::uint64_t>(d2 >> 42) * 5;
    a[1] += a[0] >> 44;
    a[0] &= mask44;
}

// One pass of carries around the three limbs (the carry out of limb 2 is worth 2^130 = 5).
void carry_around(Limbs& a) {
    a[1] += a[0] >> 44;
    a[0] &= mask44;
    a[2] += a[1] >> 44;
    a[1] &= mask44;
    a[0] += (a[2] >> 42) * 5;
    a[2] &= mask42;
    a[1] += a[0] >> 44;
    a[0] &= mask44;
}

// The last step: a mod p exactly (a is below 2p here), then + s mod 2^128. a >= p exactly when
// a + 5 >= 2^130; the choice between a and a + 5 - 2^130 is a mask, not a branch.
std::array<std::uint8_t, 16> finish(Limbs a, ByteView s) {
    carry_around(a);
    carry_around(a);  // the second pass absorbs the one possible carry left in limb 1

    Limbs g{};
    g[0] = a[0] + 5;
    g[1] = a[1] + (g[0] >> 44);
    g[0] &= mask44;
    g[2] = a[2] + (g[1] >> 44);
    g[1] &= mask44;
    const ct::Mask64 use_g = ct::mask64_from_bit(g[2] >> 42);  // bit 130 of a + 5: a >= p
    g[2] &= mask42;
    for (std::size_t i = 0; i < 3; ++i) a[i] = (g[i] & use_g) | (a[i] & ~use_g);

    // The low 128 bits of a, as two 64-bit words, plus s with a carry.
    const std::uint64_t w0 = a[0] | (a[1] << 44), w1 = (a[1] >> 20) | (a[2] << 24);
    const u128 sum = (u128{w1} << 64 | w0) + (u128{load_le64(s, 1)} << 64 | load_le64(s, 0));
    std::array<std::uint8_t, 16> tag{};
    for (std::size_t i = 0; i < 2; ++i) {
        const auto word = static_cast<std::uint64_t>(sum >> (64 * i));
        store_le32(tag, 2 * i, static_cast<std::uint32_t>(word));
        store_le32(tag, 2 * i + 1, static_cast<std::uint32_t>(word >> 32));
    }
    ct::wipe(g.data(), sizeof(g));
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
        for (std::size_t i = 0; i < 3; ++i) a[i] += m[i];
        multiply(a, r);
    }
    const std::array<std::uint8_t, 16> tag = finish(a, key.subspan(16, 16));
    ct::wipe(a.data(), sizeof(a));
    return tag;
}

}  // namespace lucid::crypto
