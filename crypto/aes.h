// AES-128/192/256, FIPS 197: the block cipher on its own, one 16-byte block at a time.
//
// Two implementations sit behind this interface, chosen at run time, computing the same function
// in constant time: the AES-NI instructions of x86 CPUs (crypto/aes_ni.cpp) when the CPU has them,
// and otherwise the portable bit-sliced code (crypto/aes.cpp), which is the one to read.
#pragma once

#include <array>
#include <cstdint>

#include "crypto/aes_planes.h"
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

    // For modes of operation (crypto/cbc.cpp). Both give exactly what a loop of the one-block
    // functions gives; the tests compare them.
    //
    // encrypt_blocks / decrypt_blocks: Cipher / InvCipher of each 16-byte block of in, into out
    // (the same whole number of blocks; the same buffer or not overlapping). The blocks do not
    // depend on each other, so AES-NI works on 8 at a time and the bit-sliced code on 4 (GCM's
    // counter blocks, CBC decryption). Throw lucid::Error on bad sizes.
    void encrypt_blocks(ByteView in, MutableByteView out) const;
    void decrypt_blocks(ByteView in, MutableByteView out) const;
    // cbc_encrypt_accelerated: CBC encryption (SP 800-38A §6.2) of whole blocks inside the AES-NI
    // code, if that path is in use, and returns true; otherwise writes nothing and returns false,
    // and the caller runs its own loop of encrypt_block (a chain cannot be computed in parallel,
    // so the portable code has nothing faster to offer). iv is 16 bytes; out is in.size() bytes.
    bool cbc_encrypt_accelerated(ByteView iv, ByteView in, MutableByteView out) const;
    // cbc_decrypt_accelerated: CBC decryption (SP 800-38A §6.2) of whole blocks inside the AES-NI
    // code, the XOR with C_(j-1) included, if that path is in use, and returns true; otherwise
    // writes nothing and returns false, and the caller uses decrypt_blocks and its own XOR loop.
    bool cbc_decrypt_accelerated(ByteView iv, ByteView in, MutableByteView out) const;

private:
    ByteView round_key_bytes() const;
    ByteView inverse_round_key_bytes() const;

    std::size_t key_size_ = 0;
    int rounds_ = 0;
    // FIPS 197 §5.2 w, Nb * (Nr + 1) words of 4 bytes (at most 4 * 15), as bytes in order: AES-NI.
    alignas(16) std::array<std::uint8_t, 240> round_keys_{};
    // FIPS 197 §5.3.5 dw, the Equivalent Inverse Cipher's round keys: AES-NI's AESDEC uses them.
    alignas(16) std::array<std::uint8_t, 240> inverse_round_keys_{};
    // w as bit planes (crypto/aes_planes.h), each round key copied into the places of all four
    // blocks: the portable path XORs it into four blocks at once.
    std::array<AesPlanes, 15> round_key_planes_{};
};

// Which implementation encrypt_block, decrypt_block and CBC use now.
enum class AesImplementation { portable_bitsliced, aes_ni };
AesImplementation aes_implementation();

// True if this build has the AES-NI code (x86 only), the CPU running it has the instructions, and
// the hardware paths are not forced off (LUCID_CPU=portable, crypto::cpu_force_portable, crypto/cpu.h):
// whether aes_force_portable(false) can select AES-NI in this process now.
bool aes_ni_available();

// Forces the portable path (true), or lets AES-NI be used when available (false); returns the
// previous setting, so that a caller can put it back. Tests and `lucid bench` use it to measure
// and check both paths. The environment variable LUCID_AES=portable, read once at the first use
// of AES, sets it to true at start; any other value leaves the choice automatic.
bool aes_force_portable(bool force);

}  // namespace lucid::crypto
