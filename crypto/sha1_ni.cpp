// SHA-1 with the x86 SHA extensions (Intel, "Intel SHA Extensions", white paper 330725, 2013).
// The portable code in sha1.cpp is the one to read; this file computes the same FIPS 180-4
// §6.1.2 compression, four rounds and four schedule words at a time:
//
//   SHA1MSG1, SHA1MSG2    the message schedule W_t = ROTL^1(W_t-3 ^ W_t-8 ^ W_t-14 ^ W_t-16) for
//                         four t at once (MSG1 XORs W_t-16 ^ W_t-14, MSG2 adds W_t-3 and rotates);
//   SHA1NEXTE             the fifth variable for the next four rounds (ROTL^30 of a, four rounds
//                         back) plus the schedule words;
//   SHA1RNDS4             four rounds of step 3; its immediate picks f_t and K_t (0: Ch, 1: Parity,
//                         2: Maj, 3: Parity, §4.1.1 and §4.2.1), as the round number does in sha1.cpp.
//
// Words are big-endian (§3.1) and the instructions want W_t of the lowest t in the highest lane,
// so each 16-byte load reverses all its bytes. Constant time: no table, no branch on data.
#include "crypto/sha1_ni.h"

#include <string>

#include "crypto/error.h"

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define LUCID_SHA_NI_BUILT 1
#define SHA_NI_FUNCTION __attribute__((target("sha,sse4.1,ssse3")))
#else
#define LUCID_SHA_NI_BUILT 0
#endif

namespace lucid::crypto::sha1_ni {

#if LUCID_SHA_NI_BUILT

namespace {

// Four groups of four rounds with the same f_t and K_t (the immediate must be a constant).
// w is the ring of the last four schedule groups; group i of the block is w[i % 4].
template <int function, int first_group>
SHA_NI_FUNCTION inline void twenty_rounds(__m128i& abcd, __m128i& e, __m128i& abcd_before, __m128i (&w)[4]) {
#pragma GCC unroll 5
    for (int i = first_group; i < first_group + 5; ++i) {
        if (i >= 4) {  // step 1, t >= 16: W_t-16 ^ W_t-14, ^ W_t-8, then ^ W_t-3 and ROTL^1
            __m128i x = _mm_sha1msg1_epu32(w[i % 4], w[(i + 1) % 4]);
            x = _mm_xor_si128(x, w[(i + 2) % 4]);
            w[i % 4] = _mm_sha1msg2_epu32(x, w[(i + 3) % 4]);
        }
        // e for these four rounds: for the first group, H4 + W; then ROTL^30(a four rounds back) + W.
        if (i > 0) e = _mm_sha1nexte_epu32(abcd_before, w[i % 4]);
        abcd_before = abcd;
        abcd = _mm_sha1rnds4_epu32(abcd, e, function);
    }
}

}  // namespace

// FIPS 180-4 §6.1.2, steps 1 to 4, for each block.
SHA_NI_FUNCTION void compress_blocks(std::array<std::uint32_t, 5>& H, ByteView blocks) {
    if (blocks.size() % 64 != 0) {
        throw Error("SHA-1 (SHA-NI): " + std::to_string(blocks.size()) + " bytes is not a whole number of blocks");
    }
    const __m128i reverse = _mm_set_epi64x(0x0001020304050607ULL, 0x08090a0b0c0d0e0fULL);
    // a in the highest lane: H0 H1 H2 H3 reversed.
    __m128i abcd = _mm_shuffle_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i*>(&H[0])), 0x1b);
    __m128i e0 = _mm_set_epi32(static_cast<int>(H[4]), 0, 0, 0);

    for (std::size_t offset = 0; offset < blocks.size(); offset += 64) {
        const __m128i abcd_saved = abcd, e_saved = e0;  // step 2
        __m128i w[4];
        for (int i = 0; i < 4; ++i) {  // step 1, t < 16
            w[i] = _mm_shuffle_epi8(
                _mm_loadu_si128(reinterpret_cast<const __m128i*>(blocks.data() + offset + 16 * i)), reverse);
        }
        __m128i e = _mm_add_epi32(e0, w[0]);
        __m128i abcd_before = abcd;
        // Step 3: rounds 0-19, 20-39, 40-59, 60-79.
        twenty_rounds<0, 0>(abcd, e, abcd_before, w);
        twenty_rounds<1, 5>(abcd, e, abcd_before, w);
        twenty_rounds<2, 10>(abcd, e, abcd_before, w);
        twenty_rounds<3, 15>(abcd, e, abcd_before, w);
        // Step 4: H(i) = working variables + H(i-1); e is ROTL^30 of a from four rounds back.
        e0 = _mm_sha1nexte_epu32(abcd_before, e_saved);
        abcd = _mm_add_epi32(abcd, abcd_saved);
    }

    _mm_storeu_si128(reinterpret_cast<__m128i*>(&H[0]), _mm_shuffle_epi32(abcd, 0x1b));
    H[4] = static_cast<std::uint32_t>(_mm_extract_epi32(e0, 3));
}

#else

void compress_blocks(std::array<std::uint32_t, 5>&, ByteView) {
    throw Error("SHA-1 (SHA-NI): not available on this architecture");
}

#endif

}  // namespace lucid::crypto::sha1_ni
