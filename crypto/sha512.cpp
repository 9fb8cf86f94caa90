// SHA-512 (FIPS 180-4 §6.4) and SHA-384 (§6.5), which is SHA-512 with other initial values and a
// shorter output. The shape is SHA-256's with 64-bit words, 128-byte blocks, 80 rounds, other
// rotation amounts and a 128-bit length field (§5.1.2). Padding and streaming: merkle_damgard.h.
#include "crypto/sha512.h"

#include <array>
#include <bit>
#include <cstdint>
#include <span>

#include "crypto/merkle_damgard.h"
#include "crypto/words.h"

namespace lucid::crypto {

namespace {

// FIPS 180-4 §4.2.3: the first 64 bits of the fractional parts of the cube roots of the first
// 80 primes. (The first 32 bits of the first 64 of them are SHA-256's K.)
constexpr std::array<std::uint64_t, 80> K = {
    0x428a2f98d728ae22, 0x7137449123ef65cd, 0xb5c0fbcfec4d3b2f, 0xe9b5dba58189dbbc,
    0x3956c25bf348b538, 0x59f111f1b605d019, 0x923f82a4af194f9b, 0xab1c5ed5da6d8118,
    0xd807aa98a3030242, 0x12835b0145706fbe, 0x243185be4ee4b28c, 0x550c7dc3d5ffb4e2,
    0x72be5d74f27b896f, 0x80deb1fe3b1696b1, 0x9bdc06a725c71235, 0xc19bf174cf692694,
    0xe49b69c19ef14ad2, 0xefbe4786384f25e3, 0x0fc19dc68b8cd5b5, 0x240ca1cc77ac9c65,
    0x2de92c6f592b0275, 0x4a7484aa6ea6e483, 0x5cb0a9dcbd41fbd4, 0x76f988da831153b5,
    0x983e5152ee66dfab, 0xa831c66d2db43210, 0xb00327c898fb213f, 0xbf597fc7beef0ee4,
    0xc6e00bf33da88fc2, 0xd5a79147930aa725, 0x06ca6351e003826f, 0x142929670a0e6e70,
    0x27b70a8546d22ffc, 0x2e1b21385c26c926, 0x4d2c6dfc5ac42aed, 0x53380d139d95b3df,
    0x650a73548baf63de, 0x766a0abb3c77b2a8, 0x81c2c92e47edaee6, 0x92722c851482353b,
    0xa2bfe8a14cf10364, 0xa81a664bbc423001, 0xc24b8b70d0f89791, 0xc76c51a30654be30,
    0xd192e819d6ef5218, 0xd69906245565a910, 0xf40e35855771202a, 0x106aa07032bbd1b8,
    0x19a4c116b8d2d0c8, 0x1e376c085141ab53, 0x2748774cdf8eeb99, 0x34b0bcb5e19b48a8,
    0x391c0cb3c5c95a63, 0x4ed8aa4ae3418acb, 0x5b9cca4f7763e373, 0x682e6ff3d6b2b8a3,
    0x748f82ee5defb2fc, 0x78a5636f43172f60, 0x84c87814a1f0ab72, 0x8cc702081a6439ec,
    0x90befffa23631e28, 0xa4506cebde82bde9, 0xbef9a3f7b2c67915, 0xc67178f2e372532b,
    0xca273eceea26619c, 0xd186b8c721c0c207, 0xeada7dd6cde0eb1e, 0xf57d4f7fee6ed178,
    0x06f067aa72176fba, 0x0a637dc5a2c898a6, 0x113f9804bef90dae, 0x1b710b35131c471b,
    0x28db77f523047d84, 0x32caab7b40c72493, 0x3c9ebe0a15c9bebc, 0x431d67c49c100d4c,
    0x4cc5d4becb3e42b6, 0x597f299cfc657e2a, 0x5fcb6fab3ad6faec, 0x6c44198c4a475817,
};

// FIPS 180-4 §4.1.3: the six logical functions of SHA-384/512.
constexpr std::uint64_t ch(std::uint64_t x, std::uint64_t y, std::uint64_t z) { return (x & y) ^ (~x & z); }
constexpr std::uint64_t maj(std::uint64_t x, std::uint64_t y, std::uint64_t z) {
    return (x & y) ^ (x & z) ^ (y & z);
}
constexpr std::uint64_t big_sigma0(std::uint64_t x) { return std::rotr(x, 28) ^ std::rotr(x, 34) ^ std::rotr(x, 39); }
constexpr std::uint64_t big_sigma1(std::uint64_t x) { return std::rotr(x, 14) ^ std::rotr(x, 18) ^ std::rotr(x, 41); }
constexpr std::uint64_t small_sigma0(std::uint64_t x) { return std::rotr(x, 1) ^ std::rotr(x, 8) ^ (x >> 7); }
constexpr std::uint64_t small_sigma1(std::uint64_t x) { return std::rotr(x, 19) ^ std::rotr(x, 61) ^ (x >> 6); }

using Words = std::array<std::uint64_t, 8>;  // H0 .. H7

// FIPS 180-4 §6.4.2: process one 1024-bit block M(i).
void sha512_compress(Words& H, std::span<const std::uint8_t, 128> block) {
    // Step 1: prepare the message schedule W0 .. W79.
    std::array<std::uint64_t, 80> W;
    for (std::size_t t = 0; t < 16; ++t) W[t] = load_be64(block, t);
    for (std::size_t t = 16; t < 80; ++t) {
        W[t] = small_sigma1(W[t - 2]) + W[t - 7] + small_sigma0(W[t - 15]) + W[t - 16];
    }

    // Step 2: the working variables start from the previous hash value.
    std::uint64_t a = H[0], b = H[1], c = H[2], d = H[3], e = H[4], f = H[5], g = H[6], h = H[7];

    // Step 3: 80 rounds, additions modulo 2^64.
    for (std::size_t t = 0; t < 80; ++t) {
        const std::uint64_t T1 = h + big_sigma1(e) + ch(e, f, g) + K[t] + W[t];
        const std::uint64_t T2 = big_sigma0(a) + maj(a, b, c);
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

// §6.4.2 after the last block: H(N) = H0 || ... || H7. SHA-384 (§6.5) keeps the left-most
// 384 bits, the first six words.
template <std::size_t Bytes>
void write_words(const Words& H, std::span<std::uint8_t> out) {
    for (std::size_t i = 0; i < Bytes / 8; ++i) store_be64(out, i, H[i]);
}

// FIPS 180-4 §5.3.5: the first 64 bits of the fractional parts of the square roots of the first
// eight primes.
struct Sha512Spec {
    static constexpr HashAlgorithm algorithm = HashAlgorithm::sha512;
    static constexpr std::size_t block_size = 128;
    static constexpr std::size_t digest_size = 64;
    static constexpr std::size_t length_size = 16;
    static constexpr bool little_endian = false;
    using State = Words;
    static constexpr State initial_state = {
        0x6a09e667f3bcc908, 0xbb67ae8584caa73b, 0x3c6ef372fe94f82b, 0xa54ff53a5f1d36f1,
        0x510e527fade682d1, 0x9b05688c2b3e6c1f, 0x1f83d9abfb41bd6b, 0x5be0cd19137e2179};
    static void compress(State& H, std::span<const std::uint8_t, 128> block) { sha512_compress(H, block); }
    static void write_digest(const State& H, std::span<std::uint8_t> out) { write_words<64>(H, out); }
};

// FIPS 180-4 §5.3.4: the first 64 bits of the fractional parts of the square roots of the 9th
// through 16th primes.
struct Sha384Spec {
    static constexpr HashAlgorithm algorithm = HashAlgorithm::sha384;
    static constexpr std::size_t block_size = 128;
    static constexpr std::size_t digest_size = 48;
    static constexpr std::size_t length_size = 16;
    static constexpr bool little_endian = false;
    using State = Words;
    static constexpr State initial_state = {
        0xcbbb9d5dc1059ed8, 0x629a292a367cd507, 0x9159015a3070dd17, 0x152fecd8f70e5939,
        0x67332667ffc00b31, 0x8eb44a8768581511, 0xdb0c2e0d64f98fa7, 0x47b5481dbefa4fa4};
    static void compress(State& H, std::span<const std::uint8_t, 128> block) { sha512_compress(H, block); }
    static void write_digest(const State& H, std::span<std::uint8_t> out) { write_words<48>(H, out); }
};

}  // namespace

std::unique_ptr<Hash> make_sha384() { return std::make_unique<MerkleDamgardHash<Sha384Spec>>(); }
std::unique_ptr<Hash> make_sha512() { return std::make_unique<MerkleDamgardHash<Sha512Spec>>(); }

}  // namespace lucid::crypto
