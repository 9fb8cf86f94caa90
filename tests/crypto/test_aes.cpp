#include <doctest/doctest.h>

#include <cstdint>
#include <new>

#include "crypto/aes.h"
#include "crypto/error.h"
#include "crypto/hex.h"

using namespace lucid;
using crypto::Aes;

namespace {

// Bytes 00 01 02 ... n-1: the keys of FIPS 197 Appendix C.
Bytes counting_bytes(std::size_t n) {
    Bytes out(n);
    for (std::size_t i = 0; i < n; ++i) out[i] = static_cast<std::uint8_t>(i);
    return out;
}

Bytes encrypt(const Aes& aes, ByteView block) {
    Bytes out(Aes::block_size);
    aes.encrypt_block(block.data(), out.data());
    return out;
}

Bytes decrypt(const Aes& aes, ByteView block) {
    Bytes out(Aes::block_size);
    aes.decrypt_block(block.data(), out.data());
    return out;
}

// A fixed, varied byte pattern for round trips (not random: tests must repeat).
Bytes pattern(std::size_t n, std::uint8_t seed) {
    Bytes out(n);
    std::uint8_t x = seed;
    for (std::size_t i = 0; i < n; ++i) {
        x = static_cast<std::uint8_t>(x * 167 + 13);
        out[i] = x;
    }
    return out;
}

// FIPS 197 Appendix C: the plaintext of all three examples.
const Bytes appendix_c_plaintext = from_hex("00112233445566778899aabbccddeeff");

// Chooses the implementation for a scope (crypto::aes_force_portable) and puts the previous choice
// back. On a CPU without AES-NI both choices run the portable code.
class UsePath {
public:
    explicit UsePath(bool portable) : before_(crypto::aes_force_portable(portable)) {}
    ~UsePath() { crypto::aes_force_portable(before_); }
    UsePath(const UsePath&) = delete;
    UsePath& operator=(const UsePath&) = delete;

private:
    bool before_;
};

const bool portable_then_default[] = {true, false};

const char* path_name(bool portable) { return portable ? "portable, bit-sliced" : "default (AES-NI if available)"; }

}  // namespace

TEST_CASE("FIPS 197 Appendix C.1: AES-128 example") {
    Aes aes(counting_bytes(16));
    CHECK(aes.key_size() == 16);
    CHECK(aes.rounds() == 10);
    for (bool portable : portable_then_default) {
        UsePath path(portable);
        INFO(path_name(portable));
        CHECK(to_hex(encrypt(aes, appendix_c_plaintext)) == "69c4e0d86a7b0430d8cdb78070b4c55a");
        CHECK(decrypt(aes, from_hex("69c4e0d86a7b0430d8cdb78070b4c55a")) == appendix_c_plaintext);
    }
}

TEST_CASE("FIPS 197 Appendix C.2: AES-192 example") {
    Aes aes(counting_bytes(24));
    CHECK(aes.key_size() == 24);
    CHECK(aes.rounds() == 12);
    for (bool portable : portable_then_default) {
        UsePath path(portable);
        INFO(path_name(portable));
        CHECK(to_hex(encrypt(aes, appendix_c_plaintext)) == "dda97ca4864cdfe06eaf70a0ec0d7191");
        CHECK(decrypt(aes, from_hex("dda97ca4864cdfe06eaf70a0ec0d7191")) == appendix_c_plaintext);
    }
}

TEST_CASE("FIPS 197 Appendix C.3: AES-256 example") {
    Aes aes(counting_bytes(32));
    CHECK(aes.key_size() == 32);
    CHECK(aes.rounds() == 14);
    for (bool portable : portable_then_default) {
        UsePath path(portable);
        INFO(path_name(portable));
        CHECK(to_hex(encrypt(aes, appendix_c_plaintext)) == "8ea2b7ca516745bfeafc49904b496089");
        CHECK(decrypt(aes, from_hex("8ea2b7ca516745bfeafc49904b496089")) == appendix_c_plaintext);
    }
}

TEST_CASE("FIPS 197 §5.3: InvCipher undoes Cipher for every key size, on both paths") {
    for (bool portable : portable_then_default) {
        UsePath path(portable);
        for (std::size_t key_size : {16u, 24u, 32u}) {
            for (std::uint8_t seed = 0; seed < 20; ++seed) {
                INFO(path_name(portable) << ", key size " << key_size << ", seed " << int(seed));
                Aes aes(pattern(key_size, seed));
                const Bytes plaintext = pattern(16, static_cast<std::uint8_t>(seed + 100));
                const Bytes ciphertext = encrypt(aes, plaintext);
                CHECK(ciphertext != plaintext);
                CHECK(decrypt(aes, ciphertext) == plaintext);
            }
        }
    }
}

TEST_CASE("FIPS 197 §5: the three key sizes give three different ciphers") {
    const Bytes key = pattern(32, 7);
    const Bytes block = pattern(16, 8);
    const Bytes c128 = encrypt(Aes(ByteView(key).first(16)), block);
    const Bytes c192 = encrypt(Aes(ByteView(key).first(24)), block);
    const Bytes c256 = encrypt(Aes(key), block);
    CHECK(c128 != c192);
    CHECK(c192 != c256);
    CHECK(c128 != c256);
}

TEST_CASE("aes.h: in and out may be the same block") {
    Aes aes(counting_bytes(16));
    for (bool portable : portable_then_default) {
        UsePath path(portable);
        INFO(path_name(portable));
        Bytes block = appendix_c_plaintext;
        aes.encrypt_block(block.data(), block.data());
        CHECK(to_hex(block) == "69c4e0d86a7b0430d8cdb78070b4c55a");
        aes.decrypt_block(block.data(), block.data());
        CHECK(block == appendix_c_plaintext);
    }
}

TEST_CASE("aes.h: a copy encrypts like the original") {
    Aes original(counting_bytes(24));
    Aes copy = original;
    CHECK(encrypt(copy, appendix_c_plaintext) == encrypt(original, appendix_c_plaintext));
}

TEST_CASE("FIPS 197 §5.2: a key of any other length is rejected, naming the length") {
    for (std::size_t bad : {0u, 1u, 15u, 17u, 20u, 31u, 33u, 64u}) {
        INFO("key length " << bad);
        CHECK_THROWS_WITH_AS(Aes(Bytes(bad, 0x11)),
                             ("AES: key must be 16, 24 or 32 bytes, got " + std::to_string(bad)).c_str(), Error);
    }
}

TEST_CASE("aes.h: the destructor wipes the round keys") {
    alignas(Aes) unsigned char storage[sizeof(Aes)];
    Aes* aes = new (storage) Aes(pattern(32, 3));
    auto nonzero_bytes = [&] {
        std::size_t n = 0;
        for (unsigned char b : storage) n += (b != 0);
        return n;
    };
    CHECK(nonzero_bytes() > 200);  // 240 bytes of round keys, almost none of them zero
    aes->~Aes();
    // Only key_size_ and rounds_ may remain: they are not secret.
    CHECK(nonzero_bytes() <= sizeof(std::size_t) + sizeof(int));
}

TEST_CASE("aes.h: decrypt_blocks equals decrypt_block on each block, for 0 to 9 blocks, on both paths") {
    // 9 blocks are two full groups of four lanes and one partial group in the bit-sliced code.
    for (std::size_t key_size : {16u, 24u, 32u}) {
        const Aes aes(pattern(key_size, 11));
        for (bool portable : portable_then_default) {
            UsePath path(portable);
            for (std::size_t blocks = 0; blocks <= 9; ++blocks) {
                INFO(path_name(portable) << ", key size " << key_size << ", " << blocks << " blocks");
                const Bytes in = pattern(16 * blocks, static_cast<std::uint8_t>(blocks + 50));
                Bytes expected;
                for (std::size_t b = 0; b < blocks; ++b) {
                    append(expected, decrypt(aes, ByteView(in).subspan(16 * b, 16)));
                }
                Bytes out(in.size());
                aes.decrypt_blocks(in, out);
                CHECK(out == expected);

                Bytes in_place = in;
                aes.decrypt_blocks(in_place, in_place);
                CHECK(in_place == expected);
            }
        }
    }
}

TEST_CASE("aes.h: encrypt_blocks equals encrypt_block on each block, for 0 to 19 blocks, on both paths") {
    // 19 blocks: two groups of 8 and 3 single blocks with AES-NI; four groups of four lanes and a
    // partial one in the bit-sliced code.
    for (std::size_t key_size : {16u, 24u, 32u}) {
        const Aes aes(pattern(key_size, 12));
        for (bool portable : portable_then_default) {
            UsePath path(portable);
            for (std::size_t blocks = 0; blocks <= 19; ++blocks) {
                INFO(path_name(portable) << ", key size " << key_size << ", " << blocks << " blocks");
                const Bytes in = pattern(16 * blocks, static_cast<std::uint8_t>(blocks + 70));
                Bytes expected;
                for (std::size_t b = 0; b < blocks; ++b) append(expected, encrypt(aes, ByteView(in).subspan(16 * b, 16)));
                Bytes out(in.size());
                aes.encrypt_blocks(in, out);
                CHECK(out == expected);
                Bytes in_place = in;
                aes.encrypt_blocks(in_place, in_place);
                CHECK(in_place == expected);
            }
        }
    }
    Bytes out16(16);
    CHECK_THROWS_WITH_AS(Aes(counting_bytes(16)).encrypt_blocks(Bytes(32), out16),
                         "AES: encrypt_blocks needs equal whole numbers of 16-byte blocks, got 32 and 16 bytes", Error);
}

TEST_CASE("aes.h: decrypt_blocks rejects buffers that are not equal whole blocks, naming the sizes") {
    const Aes aes(counting_bytes(16));
    Bytes out16(16), out32(32), out17(17);
    CHECK_THROWS_WITH_AS(aes.decrypt_blocks(Bytes(32), out16),
                         "AES: decrypt_blocks needs equal whole numbers of 16-byte blocks, got 32 and 16 bytes", Error);
    CHECK_THROWS_WITH_AS(aes.decrypt_blocks(Bytes(17), out17),
                         "AES: decrypt_blocks needs equal whole numbers of 16-byte blocks, got 17 and 17 bytes", Error);
}

TEST_CASE("aes.h: aes_force_portable selects the portable path and returns the previous setting") {
    const bool original = crypto::aes_force_portable(true);
    CHECK(crypto::aes_implementation() == crypto::AesImplementation::portable_bitsliced);
    CHECK(crypto::aes_force_portable(false) == true);
    CHECK(crypto::aes_implementation() == (crypto::aes_ni_available() ? crypto::AesImplementation::aes_ni
                                                                      : crypto::AesImplementation::portable_bitsliced));
    CHECK(crypto::aes_force_portable(original) == false);
}

TEST_CASE("aes.h: on the portable path cbc_encrypt_accelerated writes nothing and says so") {
    UsePath path(true);
    const Aes aes(counting_bytes(16));
    Bytes out(32, 0xee);
    CHECK_FALSE(aes.cbc_encrypt_accelerated(Bytes(16), Bytes(32), out));
    CHECK(out == Bytes(32, 0xee));
}
