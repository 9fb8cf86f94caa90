// MD5 (RFC 1321).
//
// MD5 is BROKEN for collisions: two different messages with the same digest can be computed in
// seconds on a laptop (Wang & Yu 2005; Stevens et al. forged a CA certificate with it in 2008).
// Never use it to sign, fingerprint or deduplicate anything an attacker can shape. lucidtls has it
// only because TLS 1.0/1.1 require it: their PRF is P_MD5 xor P_SHA1 (RFC 2246 §5) and their RSA
// signature covers MD5(...) || SHA1(...) (RFC 2246 §7.4.3). TLS 1.2 with SHA-256 does not use it.
//
// The frame (blocks, padding) is SHA-1's with one difference: words and the length are
// little-endian (RFC 1321 §2, §3.2). Padding and streaming are in merkle_damgard.h.
#include "crypto/md5.h"

#include <array>
#include <bit>
#include <cstdint>
#include <span>

#include "crypto/merkle_damgard.h"
#include "crypto/words.h"

namespace lucid::crypto {

namespace {

using Words = std::array<std::uint32_t, 4>;  // A, B, C, D

// RFC 1321 §3.4: T[i] = floor(2^32 * abs(sin(i))) for i = 1..64 (here T[0] is the RFC's T[1]).
constexpr std::array<std::uint32_t, 64> T = {
    0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a, 0xa8304613, 0xfd469501,
    0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be, 0x6b901122, 0xfd987193, 0xa679438e, 0x49b40821,
    0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa, 0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8,
    0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed, 0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a,
    0xfffa3942, 0x8771f681, 0x6d9d6122, 0xfde5380c, 0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70,
    0x289b7ec6, 0xeaa127fa, 0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665,
    0xf4292244, 0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92, 0xffeff47d, 0x85845dd1,
    0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1, 0xf7537e82, 0xbd3af235, 0x2ad7d2bb, 0xeb86d391,
};

// RFC 1321 §3.4: the shift amounts s of each round's four-step pattern.
constexpr std::array<std::array<int, 4>, 4> shifts = {{
    {7, 12, 17, 22},  // round 1
    {5, 9, 14, 20},   // round 2
    {4, 11, 16, 23},  // round 3
    {6, 10, 15, 21},  // round 4
}};

// RFC 1321 §3.4: the auxiliary function of each round, F, G, H and I.
constexpr std::uint32_t round_function(std::size_t round, std::uint32_t x, std::uint32_t y, std::uint32_t z) {
    switch (round) {
        case 0: return (x & y) | (~x & z);  // F
        case 1: return (x & z) | (y & ~z);  // G
        case 2: return x ^ y ^ z;           // H
        default: return y ^ (x | ~z);       // I
    }
}

// RFC 1321 §3.4: which message word X[k] step i of each round uses. Round 1 takes them in order;
// rounds 2-4 step through them by 5, 3 and 7 (starting at 1, 5 and 0).
constexpr std::size_t word_index(std::size_t round, std::size_t i) {
    switch (round) {
        case 0: return i;
        case 1: return (1 + 5 * i) % 16;
        case 2: return (5 + 3 * i) % 16;
        default: return (7 * i) % 16;
    }
}

// RFC 1321 §3.4: process one 16-word block. Each of the 64 steps is the RFC's
// [abcd k s i]: a = b + ((a + F(b,c,d) + X[k] + T[i]) <<< s), after which the roles of the four
// registers rotate (the RFC writes the next step as [DABC ...]).
void md5_compress(Words& state, std::span<const std::uint8_t, 64> block) {
    std::array<std::uint32_t, 16> X;
    for (std::size_t k = 0; k < 16; ++k) X[k] = load_le32(block, k);

    std::uint32_t a = state[0], b = state[1], c = state[2], d = state[3];
    for (std::size_t step = 0; step < 64; ++step) {
        const std::size_t round = step / 16;
        const std::size_t i = step % 16;
        const std::uint32_t sum = a + round_function(round, b, c, d) + X[word_index(round, i)] + T[step];
        const std::uint32_t new_b = b + std::rotl(sum, shifts[round][i % 4]);
        a = d;
        d = c;
        c = b;
        b = new_b;
    }

    // "A = A + AA" and so on: add the block's result to the state it started from.
    state[0] += a;
    state[1] += b;
    state[2] += c;
    state[3] += d;
}

struct Md5Spec {
    static constexpr HashAlgorithm algorithm = HashAlgorithm::md5;
    static constexpr std::size_t block_size = 64;
    static constexpr std::size_t digest_size = 16;
    static constexpr std::size_t length_size = 8;
    static constexpr bool little_endian = true;
    using State = Words;
    // RFC 1321 §3.3: word A is the bytes 01 23 45 67, low-order byte first, and so on.
    static constexpr State initial_state = {0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476};
    static void compress(State& state, std::span<const std::uint8_t, 64> block) { md5_compress(state, block); }
    // RFC 1321 §3.5: the digest is A, B, C, D, each low-order byte first.
    static void write_digest(const State& state, std::span<std::uint8_t> out) {
        for (std::size_t i = 0; i < 4; ++i) store_le32(out, i, state[i]);
    }
};

}  // namespace

std::unique_ptr<Hash> make_md5() { return std::make_unique<MerkleDamgardHash<Md5Spec>>(); }

}  // namespace lucid::crypto
