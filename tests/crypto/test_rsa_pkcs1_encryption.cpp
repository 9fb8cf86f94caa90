#include <doctest/doctest.h>

#include "crypto/error.h"
#include "crypto/rsa_pkcs1_encryption.h"
#include "tests/crypto/rsa_test_keys.h"

using namespace lucid;
using crypto::BigInt;

namespace {

// Encrypts a hand-made encoded block with the raw RSAEP, to test what decryption does with it.
Bytes encrypt_block(const crypto::RsaPublicKey& key, ByteView em) {
    return crypto::i2osp(crypto::rsaep(key, crypto::os2ip(em)), key.size_bytes());
}

}  // namespace

TEST_CASE("RFC 8017 §7.2.1: EM = 00 || 02 || PS (nonzero) || 00 || M, and decryption recovers M") {
    const auto& key = test::test_key_1024();
    crypto::HmacDrbg rng = test::seeded_random("pkcs1 encrypt");
    for (std::size_t length : {0, 1, 48, 117}) {
        const Bytes message = rng.bytes(length);
        const Bytes c = crypto::rsaes_pkcs1_v15_encrypt(key.public_key(), message, rng);
        REQUIRE(c.size() == 128);
        const Bytes em = crypto::i2osp(crypto::rsadp(key, crypto::os2ip(c), rng), 128);
        CHECK(em[0] == 0x00);
        CHECK(em[1] == 0x02);
        const std::size_t separator = 128 - length - 1;
        for (std::size_t i = 2; i < separator; ++i) CHECK(em[i] != 0);
        CHECK(em[separator] == 0x00);
        CHECK(Bytes(em.begin() + separator + 1, em.end()) == message);
        CHECK(crypto::rsaes_pkcs1_v15_decrypt(key, c, rng).reveal() == message);
    }
}

TEST_CASE("RFC 8017 §7.2.1 step 2a: zero bytes drawn for PS are replaced by nonzero ones") {
    const auto& key = test::test_key_1024();
    // 128 - 3 - 100 = 25 bytes of PS: the first draw has zeros at positions 0 and 24, each
    // replaced by one further one-byte draw.
    Bytes stream(25, 0x11);
    stream[0] = 0x00;
    stream[24] = 0x00;
    stream.push_back(0x00);  // the replacement for position 0 is itself zero: drawn again
    stream.push_back(0x7a);
    stream.push_back(0x7b);
    test::ReplayRandom replay(stream);
    const Bytes message(100, 0x42);
    const Bytes c = crypto::rsaes_pkcs1_v15_encrypt(key.public_key(), message, replay);
    CHECK(replay.used() == stream.size());
    crypto::HmacDrbg rng = test::seeded_random("pkcs1 ps");
    const Bytes em = crypto::i2osp(crypto::rsadp(key, crypto::os2ip(c), rng), 128);
    CHECK(em[2] == 0x7a);
    CHECK(em[26] == 0x7b);
}

TEST_CASE("RFC 8017 §7.2.1 step 1: a message longer than k - 11 is 'message too long'") {
    const auto& key = test::test_key_1024();
    crypto::HmacDrbg rng = test::seeded_random("too long");
    CHECK_NOTHROW(crypto::rsaes_pkcs1_v15_encrypt(key.public_key(), Bytes(117), rng));
    CHECK_THROWS_WITH_AS(crypto::rsaes_pkcs1_v15_encrypt(key.public_key(), Bytes(118), rng),
                         doctest::Contains("message too long"), Error);
}

TEST_CASE("RFC 8017 §7.2.2: every kind of bad block is the same 'decryption error'") {
    const auto& key = test::test_key_1024();
    const auto& pub = key.public_key();
    crypto::HmacDrbg rng = test::seeded_random("bad blocks");
    auto good_block = [&] {
        Bytes em(128, 0x55);
        em[0] = 0x00;
        em[1] = 0x02;
        em[100] = 0x00;  // PS is 98 bytes, M is 27
        return em;
    };
    Bytes em = good_block();
    CHECK(crypto::rsaes_pkcs1_v15_decrypt(key, encrypt_block(pub, em), rng).size() == 27);

    em = good_block();
    em[1] = 0x01;  // block type 1 (signature), not 2
    CHECK_THROWS_WITH_AS(crypto::rsaes_pkcs1_v15_decrypt(key, encrypt_block(pub, em), rng), "RSAES-PKCS1-v1_5: decryption error", Error);
    em = good_block();
    em[100] = 0x55;  // no separator anywhere
    CHECK_THROWS_WITH_AS(crypto::rsaes_pkcs1_v15_decrypt(key, encrypt_block(pub, em), rng), "RSAES-PKCS1-v1_5: decryption error", Error);
    em = good_block();
    em[9] = 0x00;  // separator after 7 bytes of PS: "PS shorter than 8 octets"
    CHECK_THROWS_WITH_AS(crypto::rsaes_pkcs1_v15_decrypt(key, encrypt_block(pub, em), rng), "RSAES-PKCS1-v1_5: decryption error", Error);
    em = good_block();
    em[10] = 0x00;  // separator after exactly 8 bytes of PS: allowed
    CHECK(crypto::rsaes_pkcs1_v15_decrypt(key, encrypt_block(pub, em), rng).size() == 117);
    CHECK_THROWS_WITH_AS(crypto::rsaes_pkcs1_v15_decrypt(key, Bytes(127, 1), rng), "RSAES-PKCS1-v1_5: decryption error", Error);
    CHECK_THROWS_WITH_AS(crypto::rsaes_pkcs1_v15_decrypt(key, crypto::i2osp(key.n(), 128), rng), "RSAES-PKCS1-v1_5: decryption error", Error);
}
