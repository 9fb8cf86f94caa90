// SHA-256 with the x86 SHA extensions (Intel, "Intel SHA Extensions", white paper 330725, 2013).
// The portable code in sha256.cpp is the one to read; this file computes the same FIPS 180-4
// §6.2.2 compression, four rounds and four schedule words at a time:
//
//   SHA256MSG1 and SHA256MSG2   the message schedule, W_t = σ1(W_t-2) + W_t-7 + σ0(W_t-15) + W_t-16,
//                               for four t at once (MSG1 adds σ0 of the next words, MSG2 adds σ1
//                               in two halves, because W_t+2 needs W_t);
//   SHA256RNDS2                 two rounds of §6.2.2 step 3, with W_t + K_t already added.
//
// The eight working variables live in two registers in the order the instruction wants them,
// ABEF and CDGH, so the state is shuffled on the way in and back on the way out.
// Constant time: these instructions take the same time whatever the data (no table, no branch).
#include "crypto/sha256_ni.h"

#include <string>

#include "crypto/error.h"

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define LUCID_SHA_NI_BUILT 1
#define SHA_NI_FUNCTION __attribute__((target("sha,sse4.1,ssse3")))
#else
#define LUCID_SHA_NI_BUILT 0
#endif

namespace lucid::crypto::sha256_ni {

#if LUCID_SHA_NI_BUILT

namespace {

// FIPS 180-4 §4.2.2, the same 64 constants as sha256.cpp, grouped by four for the vector additions.
alignas(16) constexpr std::uint32_t K[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

}  // namespace

// FIPS 180-4 §6.2.2, steps 1 to 4, for each block.
SHA_NI_FUNCTION void compress_blocks(std::array<std::uint32_t, 8>& H, ByteView blocks) {
    if (blocks.size() % 64 != 0) {
        throw Error("SHA-256 (SHA-NI): " + std::to_string(blocks.size()) + " bytes is not a whole number of blocks");
    }
    // §3.1: words are big-endian; this mask reverses the bytes of each 32-bit lane.
    const __m128i byte_swap = _mm_set_epi64x(0x0c0d0e0f08090a0bULL, 0x0405060700010203ULL);

    // H0..H7 in lanes as the instruction wants them: abef = (F, E, B, A), cdgh = (H, G, D, C).
    const __m128i abcd = _mm_loadu_si128(reinterpret_cast<const __m128i*>(&H[0]));  // lanes A B C D
    __m128i cdgh = _mm_loadu_si128(reinterpret_cast<const __m128i*>(&H[4]));  // lanes E F G H, for now
    const __m128i cdab = _mm_shuffle_epi32(abcd, 0xb1);
    cdgh = _mm_shuffle_epi32(cdgh, 0x1b);                // EFGH -> HGFE
    __m128i abef = _mm_alignr_epi8(cdab, cdgh, 8);
    cdgh = _mm_blend_epi16(cdgh, cdab, 0xf0);

    for (std::size_t offset = 0; offset < blocks.size(); offset += 64) {
        const __m128i abef_saved = abef, cdgh_saved = cdgh;  // step 2: the working variables start at H
        __m128i w[4];  // W_4i .. W_4i+3 for the last four groups, a ring indexed by i mod 4
#pragma GCC unroll 16
        for (int i = 0; i < 16; ++i) {
            if (i < 4) {  // step 1, t < 16: W_t is word t of the block
                w[i] = _mm_shuffle_epi8(
                    _mm_loadu_si128(reinterpret_cast<const __m128i*>(blocks.data() + offset + 16 * i)), byte_swap);
            } else {      // step 1, t >= 16: the recurrence, four words at once
                __m128i x = _mm_sha256msg1_epu32(w[i % 4], w[(i + 1) % 4]);          // W_t-16 + σ0(W_t-15)
                x = _mm_add_epi32(x, _mm_alignr_epi8(w[(i + 3) % 4], w[(i + 2) % 4], 4));  // + W_t-7
                w[i % 4] = _mm_sha256msg2_epu32(x, w[(i + 3) % 4]);                 // + σ1(W_t-2)
            }
            // Step 3, rounds 4i .. 4i+3: two instructions of two rounds each, W_t + K_t given.
            __m128i wk = _mm_add_epi32(w[i % 4], _mm_load_si128(reinterpret_cast<const __m128i*>(&K[4 * i])));
            cdgh = _mm_sha256rnds2_epu32(cdgh, abef, wk);
            wk = _mm_shuffle_epi32(wk, 0x0e);  // the upper two W_t + K_t
            abef = _mm_sha256rnds2_epu32(abef, cdgh, wk);
        }
        // Step 4: H(i) = working variables + H(i-1).
        abef = _mm_add_epi32(abef, abef_saved);
        cdgh = _mm_add_epi32(cdgh, cdgh_saved);
    }

    // Back to H0..H7 in order.
    const __m128i feba = _mm_shuffle_epi32(abef, 0x1b);
    cdgh = _mm_shuffle_epi32(cdgh, 0xb1);                 // DCHG
    const __m128i dcba = _mm_blend_epi16(feba, cdgh, 0xf0);
    const __m128i hgfe = _mm_alignr_epi8(cdgh, feba, 8);
    _mm_storeu_si128(reinterpret_cast<__m128i*>(&H[0]), dcba);
    _mm_storeu_si128(reinterpret_cast<__m128i*>(&H[4]), hgfe);
}

#else

void compress_blocks(std::array<std::uint32_t, 8>&, ByteView) {
    throw Error("SHA-256 (SHA-NI): not available on this architecture");
}

#endif

}  // namespace lucid::crypto::sha256_ni
