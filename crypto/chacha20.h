// ChaCha20, RFC 8439 §2.1-§2.4: D. J. Bernstein's stream cipher with a 256-bit key, a 96-bit
// nonce and a 32-bit block counter. Only additions, rotations and XORs on 32-bit words (an "ARX"
// design): constant time by construction, fast without special instructions, easy to read.
#pragma once

#include <array>
#include <cstdint>

#include "crypto/bytes.h"

namespace lucid::crypto {

constexpr std::size_t chacha20_key_size = 32;
constexpr std::size_t chacha20_nonce_size = 12;
constexpr std::size_t chacha20_block_size = 64;

// RFC 8439 §2.3 the ChaCha20 block function: 64 bytes of key stream for one counter value.
// Throws lucid::Error if key or nonce has the wrong size.
std::array<std::uint8_t, chacha20_block_size> chacha20_block(ByteView key, std::uint32_t counter, ByteView nonce);

// RFC 8439 §2.4 encryption (and decryption, the same XOR): in XOR the key stream of blocks
// counter, counter + 1, ... Throws lucid::Error if the counter would wrap past 2^32 - 1.
Bytes chacha20_xor(ByteView key, std::uint32_t counter, ByteView nonce, ByteView in);
// The same into out (as long as in; it may be in itself).
void chacha20_xor(ByteView key, std::uint32_t counter, ByteView nonce, ByteView in, MutableByteView out);

}  // namespace lucid::crypto
