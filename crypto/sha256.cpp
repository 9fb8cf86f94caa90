// SHA-256 (FIPS 180-4 §6.2) and SHA-224 (§6.3), which is SHA-256 with other initial values and a
// shorter output. Padding and streaming are in merkle_damgard.h; this file is the compression
// function and the constants. Everything here is 32-bit words, big-endian (§3.1).
#include "crypto/sha256.h"

#include <array>
#include <bit>
#include <cstdint>
#include <span>

#include "crypto/cpu.h"
#include "crypto/merkle_damgard.h"
#include "crypto/sha256_ni.h"
#include "crypto/words.h"

namespace lucid::crypto {

namespace {

// FIPS 180-4 §4.2.2: the first 32 bits of the fractional parts of the cube roots of the first
// 64 primes. (Numbers "with nothing up my sleeve": anyone can recompute them.)
constexpr std::array<std::uint32_t, 64> K = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

// FIPS 180-4 §4.1.2: the six logical functions of SHA-224/256.
constexpr std::uint32_t ch(std::uint32_t x, std::uint32_t y, std::uint32_t z) { return (x & y) ^ (~x & z); }
constexpr std::uint32_t maj(std::uint32_t x, std::uint32_t y, std::uint32_t z) {
    return (x & y) ^ (x & z) ^ (y & z);
}
constexpr std::uint32_t big_sigma0(std::uint32_t x) { return std::rotr(x, 2) ^ std::rotr(x, 13) ^ std::rotr(x, 22); }
constexpr std::uint32_t big_sigma1(std::uint32_t x) { return std::rotr(x, 6) ^ std::rotr(x, 11) ^ std::rotr(x, 25); }
constexpr std::uint32_t small_sigma0(std::uint32_t x) { return std::rotr(x, 7) ^ std::rotr(x, 18) ^ (x >> 3); }
constexpr std::uint32_t small_sigma1(std::uint32_t x) { return std::rotr(x, 17) ^ std::rotr(x, 19) ^ (x >> 10); }

using Words = std::array<std::uint32_t, 8>;  // H0 .. H7

// FIPS 180-4 §6.2.2: process one 512-bit block M(i).
void sha256_compress(Words& H, std::span<const std::uint8_t, 64> block) {
    // Step 1: prepare the message schedule W0 .. W63.
    std::array<std::uint32_t, 64> W;
    for (std::size_t t = 0; t < 16; ++t) W[t] = load_be32(block, t);
    for (std::size_t t = 16; t < 64; ++t) {
        W[t] = small_sigma1(W[t - 2]) + W[t - 7] + small_sigma0(W[t - 15]) + W[t - 16];
    }

    // Step 2: the eight working variables start from the previous hash value.
    std::uint32_t a = H[0], b = H[1], c = H[2], d = H[3], e = H[4], f = H[5], g = H[6], h = H[7];

    // Step 3: 64 rounds. All additions are modulo 2^32 (unsigned overflow wraps, §2.2.1).
    for (std::size_t t = 0; t < 64; ++t) {
        const std::uint32_t T1 = h + big_sigma1(e) + ch(e, f, g) + K[t] + W[t];
        const std::uint32_t T2 = big_sigma0(a) + maj(a, b, c);
        h = g;
        g = f;
        f = e;
        e = d + T1;
        d = c;
        c = b;
        b = a;
        a = T1 + T2;
    }

    // Step 4: the i-th intermediate hash value.
    H[0] += a;
    H[1] += b;
    H[2] += c;
    H[3] += d;
    H[4] += e;
    H[5] += f;
    H[6] += g;
    H[7] += h;
}

// §6.2.2 for each block of a run of whole blocks: the SHA extensions (sha256_ni.cpp) when the CPU
// has them and LUCID_CPU does not say portable, otherwise the function above, block after block.
void sha256_compress_blocks(Words& H, ByteView blocks) {
    if (cpu_use(CpuFeature::sha_ni)) {
        sha256_ni::compress_blocks(H, blocks);
        return;
    }
    for (std::size_t offset = 0; offset < blocks.size(); offset += 64) sha256_compress(H, blocks.subspan(offset).first<64>());
}

// §6.2.2 after the last block: H(N) = H0 || H1 || ... || H7. SHA-224 (§6.3) keeps the
// left-most 224 bits, i.e. the first seven words.
template <std::size_t Bytes>
void write_words(const Words& H, std::span<std::uint8_t> out) {
    for (std::size_t i = 0; i < Bytes / 4; ++i) store_be32(out, i, H[i]);
}

// FIPS 180-4 §5.3.3: the first 32 bits of the fractional parts of the square roots of the first
// eight primes.
struct Sha256Spec {
    static constexpr HashAlgorithm algorithm = HashAlgorithm::sha256;
    static constexpr std::size_t block_size = 64;
    static constexpr std::size_t digest_size = 32;
    static constexpr std::size_t length_size = 8;
    static constexpr bool little_endian = false;
    using State = Words;
    static constexpr State initial_state = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                            0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
    static void compress(State& H, std::span<const std::uint8_t, 64> block) { sha256_compress_blocks(H, block); }
    static void compress_blocks(State& H, ByteView blocks) { sha256_compress_blocks(H, blocks); }
    static void write_digest(const State& H, std::span<std::uint8_t> out) { write_words<32>(H, out); }
};

// FIPS 180-4 §5.3.2: the second 32 bits of the fractional parts of the square roots of the 9th
// through 16th primes. Different initial values keep SHA-224 from being a mere prefix of SHA-256.
struct Sha224Spec {
    static constexpr HashAlgorithm algorithm = HashAlgorithm::sha224;
    static constexpr std::size_t block_size = 64;
    static constexpr std::size_t digest_size = 28;
    static constexpr std::size_t length_size = 8;
    static constexpr bool little_endian = false;
    using State = Words;
    static constexpr State initial_state = {0xc1059ed8, 0x367cd507, 0x3070dd17, 0xf70e5939,
                                            0xffc00b31, 0x68581511, 0x64f98fa7, 0xbefa4fa4};
    static void compress(State& H, std::span<const std::uint8_t, 64> block) { sha256_compress_blocks(H, block); }
    static void compress_blocks(State& H, ByteView blocks) { sha256_compress_blocks(H, blocks); }
    static void write_digest(const State& H, std::span<std::uint8_t> out) { write_words<28>(H, out); }
};

}  // namespace

std::unique_ptr<Hash> make_sha224() { return std::make_unique<MerkleDamgardHash<Sha224Spec>>(); }
std::unique_ptr<Hash> make_sha256() { return std::make_unique<MerkleDamgardHash<Sha256Spec>>(); }

}  // namespace lucid::crypto
