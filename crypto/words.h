// 32- and 64-bit words read from and written to bytes, as the hash specifications define them.
//
// FIPS 180-4 §3.1 (SHA-1, SHA-2) is big-endian: "the most significant byte is stored in the
// left-most byte position" of a word. RFC 1321 §2 (MD5) is little-endian: "the low-order byte is
// given first". Word number i of a byte string is bytes 4i..4i+3 (or 8i..8i+7); callers index
// words, never bytes. Rotations are std::rotl / std::rotr from <bit> (FIPS 180-4 §2.2.2 ROTL/ROTR).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

namespace lucid::crypto {

inline std::uint32_t load_be32(std::span<const std::uint8_t> bytes, std::size_t word) {
    std::span<const std::uint8_t> b = bytes.subspan(4 * word, 4);
    return (std::uint32_t{b[0]} << 24) | (std::uint32_t{b[1]} << 16) | (std::uint32_t{b[2]} << 8) |
           std::uint32_t{b[3]};
}

inline std::uint64_t load_be64(std::span<const std::uint8_t> bytes, std::size_t word) {
    std::span<const std::uint8_t> b = bytes.subspan(8 * word, 8);
    std::uint64_t value = 0;
    for (std::uint8_t byte : b) value = (value << 8) | byte;
    return value;
}

inline std::uint32_t load_le32(std::span<const std::uint8_t> bytes, std::size_t word) {
    std::span<const std::uint8_t> b = bytes.subspan(4 * word, 4);
    return std::uint32_t{b[0]} | (std::uint32_t{b[1]} << 8) | (std::uint32_t{b[2]} << 16) |
           (std::uint32_t{b[3]} << 24);
}

inline void store_be32(std::span<std::uint8_t> bytes, std::size_t word, std::uint32_t value) {
    std::span<std::uint8_t> b = bytes.subspan(4 * word, 4);
    for (std::size_t i = 0; i < 4; ++i) b[i] = static_cast<std::uint8_t>(value >> (24 - 8 * i));
}

inline void store_be64(std::span<std::uint8_t> bytes, std::size_t word, std::uint64_t value) {
    std::span<std::uint8_t> b = bytes.subspan(8 * word, 8);
    for (std::size_t i = 0; i < 8; ++i) b[i] = static_cast<std::uint8_t>(value >> (56 - 8 * i));
}

inline void store_le32(std::span<std::uint8_t> bytes, std::size_t word, std::uint32_t value) {
    std::span<std::uint8_t> b = bytes.subspan(4 * word, 4);
    for (std::size_t i = 0; i < 4; ++i) b[i] = static_cast<std::uint8_t>(value >> (8 * i));
}

inline void store_le64(std::span<std::uint8_t> bytes, std::size_t word, std::uint64_t value) {
    std::span<std::uint8_t> b = bytes.subspan(8 * word, 8);
    for (std::size_t i = 0; i < 8; ++i) b[i] = static_cast<std::uint8_t>(value >> (8 * i));
}

}  // namespace lucid::crypto
