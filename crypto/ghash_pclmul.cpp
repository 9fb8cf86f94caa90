// GHASH with PCLMULQDQ, the fast path behind crypto/ghash.h.
//
// What the instruction does. PCLMULQDQ multiplies two 64-bit halves as polynomials over GF(2)
// ("carry-less": partial products are XORed, not added) into a 128-bit result. Four of them give
// the 256-bit product of two 128-bit elements; what remains is to reduce it modulo
// g = x^128 + x^7 + x^2 + x + 1. See S. Gueron and M. Kounavis, "Intel Carry-Less Multiplication
// Instruction and its Usage for Computing the GCM Mode", Intel white paper 323640, 2010.
//
// The bit order. Our GhashBlock (ghash.h) holds a block big-endian, so bit 127 of the 128-bit
// integer (hi, lo) is the coefficient of x^0 and bit 0 that of x^127: the integer is the
// polynomial with its coefficients reversed ("reflected"). The carry-less product of two
// reflected 128-bit values is the reflected product in 255 bits: bit k is the coefficient of
// x^(254 - k). Shifted left by one bit it becomes a 256-bit value whose bit m is x^(255 - m): the
// high 128 bits are the product's degrees 0..127, reflected exactly like a block, and the low 128
// bits, D, are the degrees 128..255, i.e. x^128 · D(x) with D reflected.
//
// The reduction, worked out in this file's own terms. x^128 = x^7 + x^2 + x + 1 (mod g), so the
// low half contributes D · (1 + x + x^2 + x^7). Multiplying a reflected value by x^k is a right
// shift by k, and the k bits shifted out (degrees 128 .. 128 + k - 1) must be folded again; those
// overflow bits, placed at their degree minus 128, are D << (128 - k). So with
//     E = D xor (D << 127) xor (D << 126) xor (D << 121)          (the overflow, folded once)
// the low half reduces to E xor (E >> 1) xor (E >> 2) xor (E >> 7), and the product is that XORed
// into the high half. (The overflow has degree at most 6, times x^7 at most 13: no third fold.)
//
// Constant time: PCLMULQDQ's latency does not depend on its operands on the CPUs that have it,
// and the code around it is shifts and XORs at fixed positions.
#include "crypto/ghash_pclmul.h"

#include <cstring>

#include "crypto/ct.h"
#include "crypto/error.h"

#if defined(__x86_64__)
#include <immintrin.h>
#define LUCID_PCLMUL_BUILT 1
#define PCLMUL_FUNCTION __attribute__((target("pclmul,sse2,sse4.1")))
#else
#define LUCID_PCLMUL_BUILT 0
#endif

namespace lucid::crypto::ghash_pclmul {

#if LUCID_PCLMUL_BUILT

namespace {

struct U256 {
    std::uint64_t w3, w2, w1, w0;  // w3 is the most significant word
};

PCLMUL_FUNCTION std::uint64_t low64(__m128i v) { return static_cast<std::uint64_t>(_mm_cvtsi128_si64(v)); }
PCLMUL_FUNCTION std::uint64_t high64(__m128i v) { return static_cast<std::uint64_t>(_mm_extract_epi64(v, 1)); }

// The carry-less 128 x 128 -> 255-bit product of (a.hi, a.lo) and (b.hi, b.lo), schoolbook: four
// 64 x 64 products, the two middle ones added (XOR) at 64 bits up.
PCLMUL_FUNCTION U256 clmul_128(GhashBlock a, GhashBlock b) {
    const __m128i va = _mm_set_epi64x(static_cast<long long>(a.hi), static_cast<long long>(a.lo));
    const __m128i vb = _mm_set_epi64x(static_cast<long long>(b.hi), static_cast<long long>(b.lo));
    const __m128i lo_lo = _mm_clmulepi64_si128(va, vb, 0x00);
    const __m128i hi_hi = _mm_clmulepi64_si128(va, vb, 0x11);
    const __m128i middle = _mm_xor_si128(_mm_clmulepi64_si128(va, vb, 0x01), _mm_clmulepi64_si128(va, vb, 0x10));
    return {high64(hi_hi), low64(hi_hi) ^ high64(middle), high64(lo_lo) ^ low64(middle), low64(lo_lo)};
}

// A 128-bit right shift by k (1 <= k <= 63): a multiplication by x^k of a reflected value.
GhashBlock shift_right(GhashBlock v, int k) { return GhashBlock{v.hi >> k, (v.lo >> k) | (v.hi << (64 - k))}; }

U256 operator^(U256 a, U256 b) { return {a.w3 ^ b.w3, a.w2 ^ b.w2, a.w1 ^ b.w1, a.w0 ^ b.w0}; }

// A 255-bit carry-less product (or a sum of them: the steps below are linear), reduced modulo g
// (the reduction is explained at the top of the file).
PCLMUL_FUNCTION GhashBlock reduce(U256 p) {
    // Shift the 256-bit value left by one bit (bit 255 of the 255-bit product is 0).
    p = {(p.w3 << 1) | (p.w2 >> 63), (p.w2 << 1) | (p.w1 >> 63), (p.w1 << 1) | (p.w0 >> 63), p.w0 << 1};
    const GhashBlock high{p.w3, p.w2};
    const GhashBlock d{p.w1, p.w0};
    // E = D xor (D << 127) xor (D << 126) xor (D << 121): only the high word receives the shifts.
    const GhashBlock e{d.hi ^ (d.lo << 63) ^ (d.lo << 62) ^ (d.lo << 57), d.lo};
    const GhashBlock e1 = shift_right(e, 1), e2 = shift_right(e, 2), e7 = shift_right(e, 7);
    return {high.hi ^ e.hi ^ e1.hi ^ e2.hi ^ e7.hi, high.lo ^ e.lo ^ e1.lo ^ e2.lo ^ e7.lo};
}

PCLMUL_FUNCTION GhashBlock multiply(GhashBlock a, GhashBlock b) { return reduce(clmul_128(a, b)); }

// The 8 bytes at offset as a big-endian number.
std::uint64_t load_be64_at(ByteView bytes, std::size_t offset) {
    std::uint64_t v;
    std::memcpy(&v, bytes.data() + offset, 8);
    return __builtin_bswap64(v);
}

GhashBlock load_block(ByteView bytes, std::size_t offset) {
    return {load_be64_at(bytes, offset), load_be64_at(bytes, offset + 8)};
}

}  // namespace

bool cpu_supports() {
    static const bool supported = [] {
        __builtin_cpu_init();
        return __builtin_cpu_supports("pclmul") && __builtin_cpu_supports("sse4.1");
    }();
    return supported;
}

// SP 800-38D §6.4: Y_i = (Y_(i-1) xor X_i) · H. Four blocks at a time, with one reduction
// (the "aggregated reduction" of the white paper above): unrolled, four steps are
//     Y_4 = (Y_0 xor X_1) · H^4  xor  X_2 · H^3  xor  X_3 · H^2  xor  X_4 · H,
// four products that do not wait for each other, added (XOR) unreduced, then reduced once.
PCLMUL_FUNCTION void absorb_blocks(GhashBlock& y, GhashBlock h, ByteView blocks) {
    if (blocks.size() % 16 != 0) throw Error("GHASH (PCLMULQDQ): input is not whole blocks");
    std::size_t offset = 0;
    if (blocks.size() >= 64) {
        GhashBlock powers[3] = {multiply(h, h), {}, {}};  // H^2, H^3, H^4 (secret, as H is)
        powers[1] = multiply(powers[0], h);
        powers[2] = multiply(powers[1], h);
        for (; offset + 64 <= blocks.size(); offset += 64) {
            const GhashBlock x1 = load_block(blocks, offset);
            const U256 sum = clmul_128({y.hi ^ x1.hi, y.lo ^ x1.lo}, powers[2]) ^
                             clmul_128(load_block(blocks, offset + 16), powers[1]) ^
                             clmul_128(load_block(blocks, offset + 32), powers[0]) ^
                             clmul_128(load_block(blocks, offset + 48), h);
            y = reduce(sum);
        }
        ct::wipe(powers, sizeof powers);
    }
    for (; offset < blocks.size(); offset += 16) {
        const GhashBlock x = load_block(blocks, offset);
        y = multiply({y.hi ^ x.hi, y.lo ^ x.lo}, h);
    }
}

#else  // not x86-64: the portable code is the only implementation

bool cpu_supports() { return false; }
void absorb_blocks(GhashBlock&, GhashBlock, ByteView) { throw Error("GHASH: PCLMULQDQ is not available here"); }

#endif

}  // namespace lucid::crypto::ghash_pclmul
