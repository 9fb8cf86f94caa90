// ChaCha20, RFC 8439 §2.1-§2.4.
//
// The state is 16 words of 32 bits, laid out as a 4x4 matrix (§2.3):
//
//   cccccccc  cccccccc  cccccccc  cccccccc      c: the constant "expand 32-byte k"
//   kkkkkkkk  kkkkkkkk  kkkkkkkk  kkkkkkkk      k: the key, 8 words little-endian
//   kkkkkkkk  kkkkkkkk  kkkkkkkk  kkkkkkkk
//   bbbbbbbb  nnnnnnnn  nnnnnnnn  nnnnnnnn      b: the block counter, n: the nonce
//
// 20 rounds alternate "column rounds" (a quarter round down each column) and "diagonal rounds"
// (a quarter round along each diagonal); then the input state is added word by word and the 16
// words are written out little-endian. Nothing depends on a secret value except the words
// themselves: no branch, no table. chacha20_xor computes eight blocks at once (xor_eight_blocks),
// the same steps on eight lanes, which the compiler turns into vector instructions.
#include "crypto/chacha20.h"

#include <bit>
#include <algorithm>
#include <string>

#include "crypto/ct.h"
#include "crypto/error.h"
#include "crypto/words.h"

namespace lucid::crypto {

namespace {

using State = std::array<std::uint32_t, 16>;

// RFC 8439 §2.1 the quarter round on four words of the state.
[[gnu::always_inline]] inline void quarter_round(State& s, std::size_t a, std::size_t b, std::size_t c, std::size_t d) {
    s[a] += s[b]; s[d] ^= s[a]; s[d] = std::rotl(s[d], 16);
    s[c] += s[d]; s[b] ^= s[c]; s[b] = std::rotl(s[b], 12);
    s[a] += s[b]; s[d] ^= s[a]; s[d] = std::rotl(s[d], 8);
    s[c] += s[d]; s[b] ^= s[c]; s[b] = std::rotl(s[b], 7);
}

void check_sizes(ByteView key, ByteView nonce) {
    if (key.size() != chacha20_key_size || nonce.size() != chacha20_nonce_size) {
        throw Error("ChaCha20: the key is 32 bytes and the nonce 12 (RFC 8439 §2.3), got " +
                    std::to_string(key.size()) + " and " + std::to_string(nonce.size()));
    }
}

// RFC 8439 §2.3: the initial state.
State initial_state(ByteView key, std::uint32_t counter, ByteView nonce) {
    State s{0x61707865, 0x3320646e, 0x79622d32, 0x6b206574};  // "expand 32-byte k"
    for (std::size_t i = 0; i < 8; ++i) s[4 + i] = load_le32(key, i);
    s[12] = counter;
    for (std::size_t i = 0; i < 3; ++i) s[13 + i] = load_le32(nonce, i);
    return s;
}

// Eight blocks at once, for chacha20_xor: word i of block j is s[i][j] ("lanes"). Each step of
// the quarter round is the same on all eight lanes, so the compiler makes it a few vector
// instructions (SSE2: four 32-bit lanes a register) instead of eight scalar ones. The blocks are
// independent: block j has the counter counter + j, nothing else differs.
constexpr std::size_t lanes = 8;
using LaneWords = std::array<std::uint32_t, lanes>;
using WideState = std::array<LaneWords, 16>;

[[gnu::always_inline]] inline void add_to(LaneWords& x, const LaneWords& y) {
    for (std::size_t l = 0; l < lanes; ++l) x[l] += y[l];
}

[[gnu::always_inline]] inline void xor_rotate(LaneWords& x, const LaneWords& y, int bits) {
    for (std::size_t l = 0; l < lanes; ++l) x[l] = std::rotl(x[l] ^ y[l], bits);
}

// RFC 8439 §2.1 the quarter round, on every lane.
[[gnu::always_inline]] inline void quarter_round(WideState& s, std::size_t a, std::size_t b, std::size_t c, std::size_t d) {
    add_to(s[a], s[b]); xor_rotate(s[d], s[a], 16);
    add_to(s[c], s[d]); xor_rotate(s[b], s[c], 12);
    add_to(s[a], s[b]); xor_rotate(s[d], s[a], 8);
    add_to(s[c], s[d]); xor_rotate(s[b], s[c], 7);
}

// RFC 8439 §2.3: 20 rounds, a column round then a diagonal round ten times, on one block (State)
// or on eight (WideState). Always inlined, so that in xor_eight_blocks it is compiled for the
// same instruction set as its caller.
template <typename S>
[[gnu::always_inline]] inline void twenty_rounds(S& s) {
    for (int i = 0; i < 10; ++i) {  // 10 double rounds = 20 rounds
        quarter_round(s, 0, 4, 8, 12);  // column rounds
        quarter_round(s, 1, 5, 9, 13);
        quarter_round(s, 2, 6, 10, 14);
        quarter_round(s, 3, 7, 11, 15);
        quarter_round(s, 0, 5, 10, 15);  // diagonal rounds
        quarter_round(s, 1, 6, 11, 12);
        quarter_round(s, 2, 7, 8, 13);
        quarter_round(s, 3, 4, 9, 14);
    }
}

// RFC 8439 §2.3-§2.4 for blocks counter .. counter + 7: out = in xor their key stream (512 bytes).
// Compiled twice where the compiler can: for AVX2 (all eight lanes in one 256-bit register) and
// for the baseline (SSE2, two registers); the loader picks the one the CPU runs (GCC's
// target_clones). The same source either way, so the same vectors test both.
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
__attribute__((target_clones("avx2", "default")))
#endif
void xor_eight_blocks(const State& first, std::uint32_t counter, const std::uint8_t* in, std::uint8_t* out) {
    WideState input;
    for (std::size_t i = 0; i < 16; ++i) input[i].fill(first[i]);
    for (std::size_t l = 0; l < lanes; ++l) input[12][l] = counter + static_cast<std::uint32_t>(l);
    WideState s = input;
    twenty_rounds(s);
    for (std::size_t l = 0; l < lanes; ++l) {
        for (std::size_t i = 0; i < 16; ++i) {
            const std::uint32_t word = s[i][l] + input[i][l];
            for (std::size_t k = 0; k < 4; ++k) {
                const std::size_t at = 64 * l + 4 * i + k;
                out[at] = static_cast<std::uint8_t>(in[at] ^ (word >> (8 * k)));  // little-endian
            }
        }
    }
    ct::wipe(s.data(), sizeof(s));
    ct::wipe(input.data(), sizeof(input));
}

}  // namespace

// RFC 8439 §2.3 the ChaCha20 block function.
std::array<std::uint8_t, chacha20_block_size> chacha20_block(ByteView key, std::uint32_t counter, ByteView nonce) {
    check_sizes(key, nonce);
    const State input = initial_state(key, counter, nonce);
    State s = input;
    twenty_rounds(s);
    std::array<std::uint8_t, chacha20_block_size> out{};
    for (std::size_t i = 0; i < 16; ++i) store_le32(out, i, s[i] + input[i]);
    ct::wipe(s.data(), sizeof(s));
    return out;
}

// RFC 8439 §2.4: block j of the message is XORed with chacha20_block(key, counter + j, nonce);
// the last block may be partial.
Bytes chacha20_xor(ByteView key, std::uint32_t counter, ByteView nonce, ByteView in) {
    Bytes out(in.size());
    chacha20_xor(key, counter, nonce, in, out);
    return out;
}

void chacha20_xor(ByteView key, std::uint32_t counter, ByteView nonce, ByteView in, MutableByteView out) {
    check_sizes(key, nonce);
    if (out.size() != in.size()) throw Error("ChaCha20: the output must be as long as the input");
    const std::uint64_t blocks = (in.size() + chacha20_block_size - 1) / chacha20_block_size;
    if (blocks > 0 && std::uint64_t{counter} + blocks - 1 > 0xffffffffu) {
        throw Error("ChaCha20: the message is too long for the 32-bit block counter (RFC 8439 §2.4)");
    }
    std::size_t offset = 0, j = 0;
    if (in.size() >= lanes * chacha20_block_size) {
        State first = initial_state(key, counter, nonce);
        for (; offset + lanes * chacha20_block_size <= in.size(); offset += lanes * chacha20_block_size, j += lanes) {
            xor_eight_blocks(first, counter + static_cast<std::uint32_t>(j), in.data() + offset, out.data() + offset);
        }
        ct::wipe(first.data(), sizeof(first));
    }
    for (; offset < in.size(); offset += chacha20_block_size, ++j) {  // the last 0 to 7 blocks
        std::array<std::uint8_t, chacha20_block_size> key_stream =
            chacha20_block(key, counter + static_cast<std::uint32_t>(j), nonce);
        const std::size_t n = std::min<std::size_t>(chacha20_block_size, in.size() - offset);
        for (std::size_t i = 0; i < n; ++i) out[offset + i] = in[offset + i] ^ key_stream[i];
        ct::wipe(key_stream.data(), key_stream.size());
    }
}

}  // namespace lucid::crypto
