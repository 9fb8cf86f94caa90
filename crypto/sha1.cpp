// SHA-1 (FIPS 180-4 §6.1). Collisions have been found (Stevens et al., "SHAttered", 2017), so
// SHA-1 must not be trusted where an attacker chooses both messages; TLS 1.2 still needs it for
// HMAC-SHA1 record MACs (HMAC does not rely on collision resistance) and the TLS 1.0/1.1 PRF.
// Padding and streaming are in merkle_damgard.h; this file is the compression function.
#include "crypto/sha1.h"

#include <array>
#include <bit>
#include <cstdint>
#include <span>

#include "crypto/cpu.h"
#include "crypto/merkle_damgard.h"
#include "crypto/sha1_ni.h"
#include "crypto/words.h"

namespace lucid::crypto {

namespace {

using Words = std::array<std::uint32_t, 5>;  // H0 .. H4

// FIPS 180-4 §4.1.1: the round function f_t is Ch for rounds 0-19, Parity for 20-39, Maj for
// 40-59 and Parity again for 60-79.
constexpr std::uint32_t ch(std::uint32_t x, std::uint32_t y, std::uint32_t z) { return (x & y) ^ (~x & z); }
constexpr std::uint32_t parity(std::uint32_t x, std::uint32_t y, std::uint32_t z) { return x ^ y ^ z; }
constexpr std::uint32_t maj(std::uint32_t x, std::uint32_t y, std::uint32_t z) {
    return (x & y) ^ (x & z) ^ (y & z);
}

// FIPS 180-4 §6.1.2: process one 512-bit block M(i). (The round number, not the data, picks f_t,
// K_t and whether W_t is computed, so the structure reveals nothing about the message.)
void sha1_compress(Words& H, std::span<const std::uint8_t, 64> block) {
    // Step 1: the message schedule. W_t is word t of the block for t < 16, and
    // ROTL^1(W_{t-3} xor W_{t-8} xor W_{t-14} xor W_{t-16}) after that. Each W_t is computed just
    // before round t needs it, which gives the same values as computing all 80 first; written as a
    // separate loop, the recurrence tempts the compiler into vector loads that overlap the stores
    // of the previous iteration, and that made SHA-1 slower than SHA-256.
    std::array<std::uint32_t, 80> W;
    for (std::size_t t = 0; t < 16; ++t) W[t] = load_be32(block, t);
    auto schedule = [&W](std::size_t t) {
        if (t >= 16) W[t] = std::rotl(W[t - 3] ^ W[t - 8] ^ W[t - 14] ^ W[t - 16], 1);
        return W[t];
    };

    // Step 2.
    std::uint32_t a = H[0], b = H[1], c = H[2], d = H[3], e = H[4];

    // Step 3: 80 rounds, T = ROTL^5(a) + f_t(b, c, d) + e + K_t + W_t, in four groups of twenty
    // that differ in f_t and in the constant K_t (§4.2.1).
    auto round = [&](std::uint32_t f, std::uint32_t K, std::uint32_t w) {
        const std::uint32_t T = std::rotl(a, 5) + f + e + K + w;
        e = d;
        d = c;
        c = std::rotl(b, 30);
        b = a;
        a = T;
    };
    std::size_t t = 0;
    for (; t < 20; ++t) round(ch(b, c, d), 0x5a827999, schedule(t));
    for (; t < 40; ++t) round(parity(b, c, d), 0x6ed9eba1, schedule(t));
    for (; t < 60; ++t) round(maj(b, c, d), 0x8f1bbcdc, schedule(t));
    for (; t < 80; ++t) round(parity(b, c, d), 0xca62c1d6, schedule(t));

    // Step 4.
    H[0] += a;
    H[1] += b;
    H[2] += c;
    H[3] += d;
    H[4] += e;
}

// §6.1.2 for each block of a run of whole blocks: the SHA extensions (sha1_ni.cpp) when the CPU has
// them and LUCID_CPU does not say portable, otherwise the function above, block after block.
void sha1_compress_blocks(Words& H, ByteView blocks) {
    if (cpu_use(CpuFeature::sha_ni)) {
        sha1_ni::compress_blocks(H, blocks);
        return;
    }
    for (std::size_t offset = 0; offset < blocks.size(); offset += 64) sha1_compress(H, blocks.subspan(offset).first<64>());
}

struct Sha1Spec {
    static constexpr HashAlgorithm algorithm = HashAlgorithm::sha1;
    static constexpr std::size_t block_size = 64;
    static constexpr std::size_t digest_size = 20;
    static constexpr std::size_t length_size = 8;
    static constexpr bool little_endian = false;
    using State = Words;
    // FIPS 180-4 §5.3.1.
    static constexpr State initial_state = {0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0};
    static void compress(State& H, std::span<const std::uint8_t, 64> block) { sha1_compress_blocks(H, block); }
    static void compress_blocks(State& H, ByteView blocks) { sha1_compress_blocks(H, blocks); }
    // §6.1.2: H(N) = H0 || H1 || H2 || H3 || H4.
    static void write_digest(const State& H, std::span<std::uint8_t> out) {
        for (std::size_t i = 0; i < 5; ++i) store_be32(out, i, H[i]);
    }
};

}  // namespace

std::unique_ptr<Hash> make_sha1() { return std::make_unique<MerkleDamgardHash<Sha1Spec>>(); }

}  // namespace lucid::crypto
