// The AES S-box (FIPS 197 §5.1.1) and its inverse (§5.3.2), computed without any table.
//
// SubBytes replaces each byte x of the state by S(x) = A(x^-1) + 0x63, where x^-1 is the inverse
// in GF(2^8) (0 maps to 0) and A is a fixed linear map over the bits. Most implementations read
// S(x) from a 256-byte table; here the bytes are secret (they depend on the key), and a table
// indexed by a secret leaks it through the cache (see the header of aes.cpp). These functions
// instead evaluate S as a Boolean circuit of AND/XOR/NOT gates on all 16 bytes at once, so the
// instructions executed and the memory touched are the same whatever the bytes are.
//
// Used by aes.cpp for SubBytes, InvSubBytes and the key schedule's SubWord.
#pragma once

#include <cstdint>
#include <span>

namespace lucid::crypto {

// FIPS 197 §5.1.1 SubBytes on 16 bytes in place, in constant time.
void aes_sub_bytes(std::span<std::uint8_t, 16> bytes);

// FIPS 197 §5.3.2 InvSubBytes on 16 bytes in place, in constant time.
void aes_inv_sub_bytes(std::span<std::uint8_t, 16> bytes);

}  // namespace lucid::crypto
