// The AES S-box (FIPS 197 §5.1.1) and its inverse (§5.3.2), computed without any table.
//
// SubBytes replaces each byte x of the state by S(x) = A(x^-1) + 0x63, where x^-1 is the inverse
// in GF(2^8) (0 maps to 0) and A is a fixed linear map over the bits. Most implementations read
// S(x) from a 256-byte table; here the bytes are secret (they depend on the key), and a table
// indexed by a secret leaks it through the cache (see the header of aes.cpp). These functions
// instead evaluate S as a Boolean circuit of AND/XOR/NOT gates on bit planes (aes_planes.h), so
// the instructions executed and the memory touched are the same whatever the bytes are.
//
// Used by aes.cpp for SubBytes and InvSubBytes (on planes, all the bytes of up to four blocks at
// once) and for the key schedule's SubWord (on 16 bytes).
#pragma once

#include <cstdint>
#include <span>

#include "crypto/aes_planes.h"

namespace lucid::crypto {

// FIPS 197 §5.1.1 SubBytes on every byte held in the planes, in constant time.
void aes_sub_bytes(AesPlanes& planes);

// FIPS 197 §5.3.2 InvSubBytes on every byte held in the planes, in constant time.
void aes_inv_sub_bytes(AesPlanes& planes);

// The same two on 16 bytes in place (converted to planes and back).
void aes_sub_bytes(std::span<std::uint8_t, 16> bytes);
void aes_inv_sub_bytes(std::span<std::uint8_t, 16> bytes);

}  // namespace lucid::crypto
