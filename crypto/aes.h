// AES-128/192/256, FIPS 197: the block cipher on its own, one 16-byte block at a time.
#pragma once

#include <array>
#include <cstdint>

#include "crypto/bytes.h"

namespace lucid::crypto {

class Aes {
public:
    static constexpr std::size_t block_size = 16;
    using Block = std::array<std::uint8_t, block_size>;

    // FIPS 197 §5.2 KeyExpansion. Throws lucid::Error unless the key is 16, 24 or 32 bytes.
    explicit Aes(ByteView key);
    Aes(const Aes&) = default;
    Aes& operator=(const Aes&) = default;
    ~Aes();  // wipes the round keys

    std::size_t key_size() const { return key_size_; }
    int rounds() const { return rounds_; }

    // FIPS 197 §5.1 Cipher / §5.3 InvCipher. in and out may be the same block.
    void encrypt_block(const std::uint8_t in[block_size], std::uint8_t out[block_size]) const;
    void decrypt_block(const std::uint8_t in[block_size], std::uint8_t out[block_size]) const;

private:
    std::size_t key_size_ = 0;
    int rounds_ = 0;
    std::array<std::uint32_t, 60> round_keys_{};  // Nb * (Nr + 1) words, at most 4 * 15
};

}  // namespace lucid::crypto
