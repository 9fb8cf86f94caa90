// GHASH, NIST SP 800-38D §6.4: the universal hash under GCM's tag, a multiplication by the hash
// subkey H in GF(2^128) for every 16-byte block.
//
//   Y_0 = 0,   Y_i = (Y_(i-1) xor X_i) · H,   GHASH_H(X_1 .. X_m) = Y_m
//
// Two implementations compute the same function in constant time, chosen at run time like AES:
// the PCLMULQDQ instruction (crypto/ghash_pclmul.cpp, x86 CPUs since 2010) when the CPU has it,
// and otherwise the portable code of ghash.cpp, which is the one to read (SP 800-38D §6.3
// Algorithm 1 with masks instead of branches, no tables).
#pragma once

#include <array>
#include <cstdint>

#include "crypto/bytes.h"

namespace lucid::crypto {

// A field element, as GCM lays out a 16-byte block: the first byte's top bit is the coefficient
// of x^0 and the last byte's low bit that of x^127 (SP 800-38D §6.3). hi holds bytes 0..7 read
// big-endian, lo bytes 8..15: so bit 63 of hi is x^0, bit 0 of lo is x^127.
struct GhashBlock {
    std::uint64_t hi = 0;
    std::uint64_t lo = 0;
};

GhashBlock ghash_block_from_bytes(ByteView bytes16);
std::array<std::uint8_t, 16> ghash_block_to_bytes(GhashBlock block);

// SP 800-38D §6.3 Algorithm 1, X · Y in GF(2^128) modulo x^128 + x^7 + x^2 + x + 1, portable.
GhashBlock gf128_multiply_portable(GhashBlock x, GhashBlock y);

// GHASH_H over a message fed in pieces. absorb_padded() appends a string padded with zeros to a
// whole number of blocks (GCM pads A and C separately, §7.1 step 5), absorb_lengths() the final
// block [len(A)]_64 || [len(C)]_64 in bits.
class Ghash {
public:
    explicit Ghash(ByteView h16);
    ~Ghash();
    void absorb_padded(ByteView data);
    void absorb_lengths(std::uint64_t aad_bytes, std::uint64_t text_bytes);
    std::array<std::uint8_t, 16> digest() const { return ghash_block_to_bytes(y_); }

private:
    void absorb_blocks(ByteView whole_blocks);
    GhashBlock h_;
    GhashBlock y_;
    bool pclmul_;
};

enum class GhashImplementation { portable, pclmulqdq };
GhashImplementation ghash_implementation();
bool ghash_pclmul_available();
// Forces the portable GHASH (true) or lets PCLMULQDQ be used when available; returns the previous
// setting. LUCID_AES=portable (which also forces the portable AES, so all of GCM) or
// LUCID_CPU=portable in the environment, read once at the first use, forces it from the start.
bool ghash_force_portable(bool force);

}  // namespace lucid::crypto
