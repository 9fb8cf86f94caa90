// crypto/aes_planes.cpp: the bit-plane layout of aes_planes.h, checked bit by bit against its
// definition, so that the transposes cannot be right only "on average".
#include <doctest/doctest.h>

#include <cstdint>

#include "crypto/aes_planes.h"
#include "crypto/error.h"

using namespace lucid;
using crypto::AesPlanes;

namespace {

// A fixed, varied byte pattern (not random: tests must repeat).
Bytes pattern(std::size_t n, std::uint8_t seed) {
    Bytes out(n);
    std::uint8_t x = seed;
    for (std::size_t i = 0; i < n; ++i) {
        x = static_cast<std::uint8_t>(x * 167 + 13);
        out[i] = x;
    }
    return out;
}

// The definition: bit 16r + 4c + b of plane i is bit i of byte s[r,c] = in[r + 4c] of block b.
AesPlanes planes_by_definition(ByteView blocks) {
    AesPlanes planes{};
    for (std::size_t b = 0; b < blocks.size() / 16; ++b) {
        for (unsigned r = 0; r < 4; ++r) {
            for (unsigned c = 0; c < 4; ++c) {
                for (unsigned i = 0; i < 8; ++i) {
                    const std::uint64_t bit = (blocks[16 * b + r + 4 * c] >> i) & 1u;
                    planes[i] |= bit << (16 * r + 4 * c + b);
                }
            }
        }
    }
    return planes;
}

}  // namespace

TEST_CASE("aes_planes.h: bit 16r + 4c + b of plane i is bit i of byte s[r,c] of block b, for 1 to 4 blocks") {
    for (std::size_t blocks = 1; blocks <= 4; ++blocks) {
        INFO(blocks << " blocks");
        const Bytes bytes = pattern(16 * blocks, static_cast<std::uint8_t>(blocks));
        CHECK(crypto::aes_load_planes(bytes) == planes_by_definition(bytes));
    }
}

TEST_CASE("aes_planes.h: every single bit of four blocks lands in its own place") {
    for (std::size_t position = 0; position < 64 * 8; ++position) {
        INFO("byte " << position / 8 << ", bit " << position % 8);
        Bytes bytes(64, 0);
        bytes[position / 8] = static_cast<std::uint8_t>(1u << (position % 8));
        const AesPlanes planes = crypto::aes_load_planes(bytes);
        CHECK(planes == planes_by_definition(bytes));
        Bytes back(64, 0xff);
        crypto::aes_store_planes(planes, back);
        CHECK(back == bytes);
    }
}

TEST_CASE("aes_planes.h: storing the loaded planes gives the bytes back, for 1 to 4 blocks") {
    for (std::size_t blocks = 1; blocks <= 4; ++blocks) {
        INFO(blocks << " blocks");
        const Bytes bytes = pattern(16 * blocks, static_cast<std::uint8_t>(40 + blocks));
        Bytes back(bytes.size());
        crypto::aes_store_planes(crypto::aes_load_planes(bytes), back);
        CHECK(back == bytes);
    }
}

TEST_CASE("aes_planes.h: the bits of absent blocks are zero, and storing fewer blocks reads only theirs") {
    const Bytes two_blocks = pattern(32, 9);
    const AesPlanes planes = crypto::aes_load_planes(two_blocks);
    const std::uint64_t blocks_2_and_3 = 0xcccccccccccccccc;  // b = 2, 3 in bit 16r + 4c + b
    for (std::uint64_t plane : planes) CHECK((plane & blocks_2_and_3) == 0);
    Bytes first(16);
    crypto::aes_store_planes(planes, first);
    CHECK(first == Bytes(two_blocks.begin(), two_blocks.begin() + 16));
}

TEST_CASE("aes_planes.h: anything but 1 to 4 whole blocks is rejected, naming the size") {
    for (std::size_t size : {0u, 15u, 17u, 80u}) {
        INFO(size << " bytes");
        CHECK_THROWS_WITH_AS(crypto::aes_load_planes(Bytes(size)),
                             ("AES planes: expected 1 to 4 whole 16-byte blocks, got " + std::to_string(size) + " bytes")
                                 .c_str(),
                             Error);
        Bytes out(size);
        CHECK_THROWS_AS(crypto::aes_store_planes(AesPlanes{}, out), Error);
    }
}
