// Bytes to bit planes and back (the layout is described in aes_planes.h), in two steps.
//
// Step 1, a bit-matrix transpose. Taking the bits apart one by one costs 8 shifts and masks per
// byte each way, and that used to be most of the time of an S-box call. Look at 8 bytes as an 8x8
// matrix of bits instead, row k being byte k: what we want (for each bit i, the bits i of the 8
// bytes side by side) is row i of the TRANSPOSED matrix. Hacker's Delight (H. S. Warren, 2nd ed.,
// §7-3 "Transposing a Bit Matrix") transposes an 8x8 matrix held in one 64-bit word in three
// steps: swap the off-diagonal bits of every 2x2 block, then the off-diagonal 2x2 blocks of every
// 4x4 block, then the two off-diagonal 4x4 blocks. Each step is one "delta swap": a handful of
// shifts, ANDs and XORs on the whole word. A block of 16 bytes is two such matrices (bytes 0..7
// and 8..15). Afterwards plane i holds bit i of byte j of block b at bit 16b + j = 16b + 4c + r:
// block by block.
//
// Step 2, reorder to row by row. We want bit 16r + 4c + b instead: the 2-bit fields "block" (bits
// 4-5 of the position) and "row" (bits 0-1) trade places. Swapping position bit 0 with position
// bit 4 is one more delta swap (the bits whose position has bit 0 set and bit 4 clear trade places
// with those 15 positions higher), and bit 1 with bit 5 another (distance 30).
//
// Storing runs the same steps backwards; each step is its own inverse. All shifts are by public
// amounts and nothing is indexed by a byte: constant time.
#include "crypto/aes_planes.h"

#include <bit>
#include <cstring>
#include <string>

#include "crypto/ct.h"
#include "crypto/error.h"

namespace lucid::crypto {

namespace {

// Hacker's Delight §7-3: x holds an 8x8 bit matrix, row k in byte k (bits 8k..8k+7), column i in
// bit i of each byte. Returns the transpose: bit i of byte k moves to bit k of byte i. Each line
// swaps the bits selected by the mask with the bits `distance` places above them.
std::uint64_t transpose8(std::uint64_t x) {
    std::uint64_t t = (x ^ (x >> 7)) & 0x00aa00aa00aa00aa;  // within 2x2 blocks
    x = x ^ t ^ (t << 7);
    t = (x ^ (x >> 14)) & 0x0000cccc0000cccc;  // 2x2 blocks within 4x4 blocks
    x = x ^ t ^ (t << 14);
    t = (x ^ (x >> 28)) & 0x00000000f0f0f0f0;  // the 4x4 blocks
    return x ^ t ^ (t << 28);
}

// Bits 0 and 4, then 1 and 5, of every bit position trade places (step 2 above): block by block
// becomes row by row, and back.
std::uint64_t swap_block_and_row(std::uint64_t x) {
    std::uint64_t t = (x ^ (x >> 15)) & 0x0000aaaa0000aaaa;  // position bit 0 set, bit 4 clear
    x = x ^ t ^ (t << 15);
    t = (x ^ (x >> 30)) & 0x00000000cccccccc;  // position bit 1 set, bit 5 clear
    return x ^ t ^ (t << 30);
}

// Eight bytes as one word, byte k in bits 8k..8k+7 (little-endian, whatever the machine is). On
// a little-endian machine that is one 8-byte load and store: GCC did not see it in the loop of
// byte loads, which with the gathering loops below was half of the instructions of this file
// (callgrind: 1360 instructions per four-block load before, see docs/performance.md).
std::uint64_t word_of(ByteView eight) {
    std::uint64_t x = 0;
    if constexpr (std::endian::native == std::endian::little) {
        std::memcpy(&x, eight.first(8).data(), 8);
    } else {
        for (unsigned k = 0; k < 8; ++k) x |= std::uint64_t{eight[k]} << (8 * k);
    }
    return x;
}

void bytes_of(std::uint64_t x, MutableByteView eight) {
    if constexpr (std::endian::native == std::endian::little) {
        std::memcpy(eight.first(8).data(), &x, 8);
    } else {
        for (unsigned k = 0; k < 8; ++k) eight[k] = static_cast<std::uint8_t>(x >> (8 * k));
    }
}

std::size_t checked_block_count(std::size_t size) {
    if (size == 0 || size % 16 != 0 || size / 16 > aes_planes_max_blocks) {
        throw Error("AES planes: expected 1 to 4 whole 16-byte blocks, got " + std::to_string(size) + " bytes");
    }
    return size / 16;
}

}  // namespace

AesPlanes aes_load_planes(ByteView blocks) {
    const std::size_t count = checked_block_count(blocks.size());
    AesPlanes planes{};
    // Step 1: half block h of block b (bytes 8h..8h+7) fills bits 16b + 8h .. +7 of every plane.
    for (std::size_t half = 0; half < 2 * count; ++half) {
        const std::uint64_t columns = transpose8(word_of(blocks.subspan(8 * half, 8)));
#pragma GCC unroll 8
        for (unsigned i = 0; i < 8; ++i) planes[i] |= ((columns >> (8 * i)) & 0xff) << (8 * half);
    }
    // Step 2.
    for (std::uint64_t& plane : planes) plane = swap_block_and_row(plane);
    return planes;
}

void aes_store_planes(const AesPlanes& planes, MutableByteView blocks) {
    const std::size_t count = checked_block_count(blocks.size());
    AesPlanes block_by_block;
    for (unsigned i = 0; i < 8; ++i) block_by_block[i] = swap_block_and_row(planes[i]);
    for (std::size_t half = 0; half < 2 * count; ++half) {
        std::uint64_t columns = 0;
#pragma GCC unroll 8
        for (unsigned i = 0; i < 8; ++i) columns |= ((block_by_block[i] >> (8 * half)) & 0xff) << (8 * i);
        bytes_of(transpose8(columns), blocks.subspan(8 * half, 8));
    }
    ct::wipe(block_by_block.data(), sizeof(block_by_block));  // the state may be secret
}

}  // namespace lucid::crypto
