// crypto/aes_ni.cpp, through crypto/aes.h and crypto/cbc.h: the AES-NI path gives the FIPS 197
// examples, and exactly what the portable bit-sliced path gives, for every key size, for single
// blocks and for CBC over 0 to 20 blocks (around the 8-block groups of AES-NI decryption).
// Skipped, with a message, on a CPU without AES-NI.
#include <doctest/doctest.h>

#include <cstdint>

#include "crypto/aes.h"
#include "crypto/cbc.h"
#include "crypto/hex.h"
#include "crypto/random.h"

using namespace lucid;
using crypto::Aes;

namespace {

// Chooses the implementation for a scope (crypto::aes_force_portable) and puts the previous choice
// back.
class UsePath {
public:
    explicit UsePath(bool portable) : before_(crypto::aes_force_portable(portable)) {}
    ~UsePath() { crypto::aes_force_portable(before_); }
    UsePath(const UsePath&) = delete;
    UsePath& operator=(const UsePath&) = delete;

private:
    bool before_;
};

bool skip_without_aes_ni() {
    if (crypto::aes_ni_available()) return false;
    MESSAGE("skipped: this CPU has no AES-NI, so only the portable path exists");
    return true;
}

Bytes encrypt(const Aes& aes, ByteView block, bool portable) {
    UsePath path(portable);
    Bytes out(Aes::block_size);
    aes.encrypt_block(block.data(), out.data());
    return out;
}

Bytes decrypt(const Aes& aes, ByteView block, bool portable) {
    UsePath path(portable);
    Bytes out(Aes::block_size);
    aes.decrypt_block(block.data(), out.data());
    return out;
}

Bytes counting_bytes(std::size_t n) {
    Bytes out(n);
    for (std::size_t i = 0; i < n; ++i) out[i] = static_cast<std::uint8_t>(i);
    return out;
}

// Repeatable "random" keys and blocks: HMAC_DRBG from a fixed seed.
crypto::HmacDrbg test_rng(std::string_view label) { return crypto::HmacDrbg(as_bytes(label), {}, {}); }

}  // namespace

TEST_CASE("FIPS 197 Appendix C: the AES-NI path gives the three examples") {
    if (skip_without_aes_ni()) return;
    UsePath path(false);
    CHECK(crypto::aes_implementation() == crypto::AesImplementation::aes_ni);
    const Bytes plaintext = from_hex("00112233445566778899aabbccddeeff");
    const struct {
        std::size_t key_size;
        const char* ciphertext;
    } examples[] = {
        {16, "69c4e0d86a7b0430d8cdb78070b4c55a"},  // C.1
        {24, "dda97ca4864cdfe06eaf70a0ec0d7191"},  // C.2
        {32, "8ea2b7ca516745bfeafc49904b496089"},  // C.3
    };
    for (const auto& example : examples) {
        INFO("AES-" << 8 * example.key_size);
        const Aes aes(counting_bytes(example.key_size));
        CHECK(to_hex(encrypt(aes, plaintext, false)) == example.ciphertext);
        CHECK(decrypt(aes, from_hex(example.ciphertext), false) == plaintext);
    }
}

TEST_CASE("FIPS 197: AES-NI and the portable path agree on random keys and blocks, every key size") {
    if (skip_without_aes_ni()) return;
    crypto::HmacDrbg rng = test_rng("lucid test_aes_ni blocks");
    for (std::size_t key_size : {16u, 24u, 32u}) {
        for (int trial = 0; trial < 200; ++trial) {
            const Bytes key = rng.bytes(key_size);
            const Bytes block = rng.bytes(16);
            INFO("key " << to_hex(key) << ", block " << to_hex(block));
            const Aes aes(key);
            const Bytes ciphertext = encrypt(aes, block, true);
            CHECK(encrypt(aes, block, false) == ciphertext);
            CHECK(decrypt(aes, block, false) == decrypt(aes, block, true));
            CHECK(decrypt(aes, ciphertext, false) == block);
        }
    }
}

TEST_CASE("SP 800-38A §6.2: CBC with AES-NI equals CBC on the portable path, 0 to 40 blocks, every key size") {
    if (skip_without_aes_ni()) return;
    crypto::HmacDrbg rng = test_rng("lucid test_aes_ni cbc");
    for (std::size_t key_size : {16u, 24u, 32u}) {
        const Aes aes(rng.bytes(key_size));
        // Up to 40 blocks: the 16-block groups of VAES (where the CPU has it), the 8-block groups
        // of AES-NI, and single blocks, in every mix.
        for (std::size_t blocks = 0; blocks <= 40; ++blocks) {
            INFO("key size " << key_size << ", " << blocks << " blocks");
            const Bytes iv = rng.bytes(16);
            const Bytes plaintext = rng.bytes(16 * blocks);
            Bytes portable_ciphertext, accelerated_ciphertext, portable_plaintext, accelerated_plaintext;
            {
                UsePath path(true);
                portable_ciphertext = crypto::cbc_encrypt(aes, iv, plaintext);
                portable_plaintext = crypto::cbc_decrypt(aes, iv, portable_ciphertext);
            }
            {
                UsePath path(false);
                REQUIRE(crypto::aes_implementation() == crypto::AesImplementation::aes_ni);
                accelerated_ciphertext = crypto::cbc_encrypt(aes, iv, plaintext);
                accelerated_plaintext = crypto::cbc_decrypt(aes, iv, portable_ciphertext);
            }
            CHECK(accelerated_ciphertext == portable_ciphertext);
            CHECK(accelerated_plaintext == plaintext);
            CHECK(portable_plaintext == plaintext);
        }
    }
}

TEST_CASE("aes.h: with AES-NI, decrypt_blocks works in place across groups of 8 blocks") {
    if (skip_without_aes_ni()) return;
    crypto::HmacDrbg rng = test_rng("lucid test_aes_ni in place");
    const Aes aes(rng.bytes(16));
    const Bytes ciphertext = rng.bytes(16 * 19);  // two groups of 8 and 3 single blocks
    Bytes expected(ciphertext.size());
    {
        UsePath path(true);
        aes.decrypt_blocks(ciphertext, expected);
    }
    UsePath path(false);
    Bytes buffer = ciphertext;
    aes.decrypt_blocks(buffer, buffer);
    CHECK(buffer == expected);
}

TEST_CASE("aes.h: with AES-NI, cbc_encrypt_accelerated runs the chain and says so") {
    if (skip_without_aes_ni()) return;
    UsePath path(false);
    const Aes aes(counting_bytes(16));
    const Bytes iv(16, 0);
    Bytes out(16);
    // With a zero IV one block of CBC is one AES encryption: the FIPS 197 C.1 example.
    CHECK(aes.cbc_encrypt_accelerated(iv, from_hex("00112233445566778899aabbccddeeff"), out));
    CHECK(to_hex(out) == "69c4e0d86a7b0430d8cdb78070b4c55a");
}

TEST_CASE("aes.h: with AES-NI, cbc_decrypt_accelerated works in place across 16- and 8-block groups") {
    if (skip_without_aes_ni()) return;
    crypto::HmacDrbg rng = test_rng("lucid test_aes_ni cbc in place");
    const Aes aes(rng.bytes(16));
    const Bytes iv = rng.bytes(16);
    const Bytes ciphertext = rng.bytes(16 * 43);  // 2 groups of 16, one of 8, 3 single blocks
    Bytes expected;
    {
        UsePath path(true);
        expected = crypto::cbc_decrypt(aes, iv, ciphertext);
    }
    UsePath path(false);
    Bytes buffer = ciphertext;
    REQUIRE(aes.cbc_decrypt_accelerated(iv, buffer, buffer));
    CHECK(buffer == expected);
}
