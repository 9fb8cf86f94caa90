// Bit-slicing for AES: up to four 16-byte blocks held as eight 64-bit "bit planes".
//
// Plane i holds bit i (0 = least significant) of every byte of the state. Its 64 bits are the
// 4 rows x 4 columns x 4 blocks of bytes, row by row, and within a row column by column:
//
//     bit 16*r + 4*c + b of plane[i]  =  bit i of byte s[r,c] of block b
//
// with s[r,c] = in[r + 4c] as in FIPS 197 §3.4. So row r of all four blocks is the 16-bit group
// 16r..16r+15 of a plane, and in it column c is the 4 bits 4c..4c+3 (one per block).
// One AND of two planes is then 64 ANDs, one per byte of four blocks: a function of a byte written
// as a circuit of AND/XOR/NOT gates (the S-box, aes_sbox.h) runs on all 64 bytes at once, and the
// byte moves of ShiftRows and MixColumns become rotations of whole planes (aes.cpp).
//
// Why it matters for security: no operation here or in the circuit looks at the value it works on,
// so the time taken and the memory touched are the same for every key and every block.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

#include "crypto/bytes.h"

namespace lucid::crypto {

using AesPlane = std::uint64_t;
using AesPlanes = std::array<AesPlane, 8>;  // AesPlanes[i]: bit i of every byte

constexpr std::size_t aes_planes_max_blocks = 4;  // 64 bits per plane / 16 bytes per block

// Bytes to planes: blocks holds 1 to 4 whole 16-byte blocks; the bits of absent blocks are zero.
AesPlanes aes_load_planes(ByteView blocks);

// Planes to bytes: fills blocks, 1 to 4 whole 16-byte blocks, from blocks 0, 1, ... of the planes.
void aes_store_planes(const AesPlanes& planes, MutableByteView blocks);

}  // namespace lucid::crypto
