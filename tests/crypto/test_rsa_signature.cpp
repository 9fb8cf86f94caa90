#include <doctest/doctest.h>

#include "crypto/error.h"
#include "crypto/hash.h"
#include "crypto/rsa_signature.h"
#include "tests/crypto/rsa_test_keys.h"

using namespace lucid;
using crypto::HashAlgorithm;

namespace {

const HashAlgorithm digest_info_hashes[] = {HashAlgorithm::md5,    HashAlgorithm::sha1,   HashAlgorithm::sha224,
                                            HashAlgorithm::sha256, HashAlgorithm::sha384, HashAlgorithm::sha512};

// The block s^e mod n that a signature carries.
Bytes open_signature(const crypto::RsaPublicKey& key, ByteView signature) {
    return crypto::i2osp(crypto::rsavp1(key, crypto::os2ip(signature)), key.size_bytes());
}

// Signs an arbitrary block with the raw RSASP1: a stand-in for a forger's block.
Bytes sign_raw_block(const crypto::RsaPrivateKey& key, ByteView em, crypto::RandomSource& rng) {
    return crypto::i2osp(crypto::rsasp1(key, crypto::os2ip(em), rng), key.size_bytes());
}

}  // namespace

TEST_CASE("RFC 8017 §9.2 Note 1: each DigestInfo prefix is a DER SEQUENCE whose lengths fit the digest") {
    for (HashAlgorithm alg : digest_info_hashes) {
        INFO(crypto::hash_name(alg));
        const ByteView prefix = crypto::digest_info_prefix(alg);
        const std::size_t h = crypto::digest_size(alg);
        REQUIRE(prefix.size() >= 4);
        CHECK(prefix[0] == 0x30);                                   // SEQUENCE
        CHECK(prefix[1] == prefix.size() - 2 + h);                  // its length covers prefix and digest
        CHECK(prefix[2] == 0x30);                                   // AlgorithmIdentifier SEQUENCE
        CHECK(prefix[prefix.size() - 4] == 0x05);                   // parameters NULL
        CHECK(prefix[prefix.size() - 3] == 0x00);
        CHECK(prefix[prefix.size() - 2] == 0x04);                   // OCTET STRING
        CHECK(prefix[prefix.size() - 1] == h);                      // of the digest's length
    }
}

TEST_CASE("RFC 8017 §9.2: EM = 00 || 01 || ff...ff || 00 || DigestInfo || H, and too short a key is refused") {
    const Bytes h = crypto::digest(HashAlgorithm::sha256, as_bytes("abc"));
    const Bytes em = crypto::emsa_pkcs1_v15_encode_digest(HashAlgorithm::sha256, h, 128);
    REQUIRE(em.size() == 128);
    const std::size_t t_length = 19 + 32;
    CHECK(em[0] == 0x00);
    CHECK(em[1] == 0x01);
    for (std::size_t i = 2; i < 128 - t_length - 1; ++i) CHECK(em[i] == 0xff);
    CHECK(em[128 - t_length - 1] == 0x00);
    CHECK(Bytes(em.end() - 32, em.end()) == h);
    CHECK_THROWS_WITH_AS(crypto::emsa_pkcs1_v15_encode_digest(HashAlgorithm::sha512, Bytes(64), 64 + 19 + 10),
                         doctest::Contains("too short"), Error);
    CHECK_THROWS_AS(crypto::emsa_pkcs1_v15_encode_digest(HashAlgorithm::sha256, Bytes(20), 128), Error);
}

TEST_CASE("RFC 8017 §8.2: sign then verify succeeds for every hash; the signature carries the encoded block") {
    const auto& key = test::test_key_2048();
    crypto::HmacDrbg rng = test::seeded_random("sign");
    const Bytes message = to_bytes("the signed ServerDHParams");
    for (HashAlgorithm alg : digest_info_hashes) {
        INFO(crypto::hash_name(alg));
        const Bytes s = crypto::rsassa_pkcs1_v15_sign(key, alg, message, rng);
        CHECK(s.size() == 256);
        CHECK(crypto::rsassa_pkcs1_v15_verify(key.public_key(), alg, message, s).valid);
        CHECK(open_signature(key.public_key(), s) ==
              crypto::emsa_pkcs1_v15_encode_digest(alg, crypto::digest(alg, message), 256));
        // The digest form gives the same signature (PKCS#1 v1.5 signing is deterministic).
        CHECK(crypto::rsassa_pkcs1_v15_sign_digest(key, alg, crypto::digest(alg, message), rng) == s);
    }
}

TEST_CASE("RFC 8017 §8.2.2: a changed message, signature, hash or length is an invalid signature, with a reason") {
    const auto& key = test::test_key_1024();
    const auto& pub = key.public_key();
    crypto::HmacDrbg rng = test::seeded_random("verify");
    const Bytes message = to_bytes("message");
    Bytes s = crypto::rsassa_pkcs1_v15_sign(key, HashAlgorithm::sha256, message, rng);
    CHECK_FALSE(crypto::rsassa_pkcs1_v15_verify(pub, HashAlgorithm::sha256, to_bytes("messagf"), s).valid);
    CHECK_FALSE(crypto::rsassa_pkcs1_v15_verify(pub, HashAlgorithm::sha384, message, s).valid);
    Bytes flipped = s;
    flipped[60] ^= 0x01;
    const crypto::SignatureCheck changed = crypto::rsassa_pkcs1_v15_verify(pub, HashAlgorithm::sha256, message, flipped);
    CHECK_FALSE(changed.valid);
    CHECK(changed.reason.find("not the expected") != std::string::npos);
    const crypto::SignatureCheck short_one =
        crypto::rsassa_pkcs1_v15_verify(pub, HashAlgorithm::sha256, message, ByteView(s).first(127));
    CHECK_FALSE(short_one.valid);
    CHECK(short_one.reason.find("127 bytes") != std::string::npos);
    CHECK_FALSE(crypto::rsassa_pkcs1_v15_verify(pub, HashAlgorithm::sha256, message, crypto::i2osp(key.n(), 128)).valid);
}

TEST_CASE("Bleichenbacher 2006: blocks that a lax parser accepts are rejected, because we re-encode") {
    const auto& key = test::test_key_2048();
    crypto::HmacDrbg rng = test::seeded_random("bleichenbacher 2006");
    const Bytes message = to_bytes("pay 1000 to Mallory");
    const Bytes h = crypto::digest(HashAlgorithm::sha256, message);
    const Bytes t = concat({crypto::digest_info_prefix(HashAlgorithm::sha256), h});

    // Short padding, then DigestInfo || H, then garbage to the end: what the forger controls.
    Bytes garbage_after = {0x00, 0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00};
    append(garbage_after, t);
    garbage_after.resize(256, 0x42);
    CHECK_FALSE(crypto::rsassa_pkcs1_v15_verify(key.public_key(), HashAlgorithm::sha256, message,
                                                sign_raw_block(key, garbage_after, rng)).valid);

    // DigestInfo without the NULL parameters (a different DER encoding of the "same" value).
    Bytes no_null = {0x30, 0x2f, 0x30, 0x0b, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x04, 0x20};
    append(no_null, h);
    Bytes em(256 - no_null.size(), 0xff);
    em[0] = 0x00;
    em[1] = 0x01;
    em.back() = 0x00;
    append(em, no_null);
    CHECK_FALSE(crypto::rsassa_pkcs1_v15_verify(key.public_key(), HashAlgorithm::sha256, message,
                                                sign_raw_block(key, em, rng)).valid);

    // The exact block, for contrast, is accepted.
    const Bytes exact = crypto::emsa_pkcs1_v15_encode_digest(HashAlgorithm::sha256, h, 256);
    CHECK(crypto::rsassa_pkcs1_v15_verify(key.public_key(), HashAlgorithm::sha256, message,
                                          sign_raw_block(key, exact, rng)).valid);
}

TEST_CASE("RFC 4346 §7.4.3: the TLS 1.0/1.1 signature is block type 1 over MD5(m) || SHA-1(m), no DigestInfo") {
    const auto& key = test::test_key_1024();
    crypto::HmacDrbg rng = test::seeded_random("md5 sha1");
    const Bytes message = to_bytes("client_random + server_random + ServerDHParams");
    const Bytes both = crypto::md5_sha1(message);
    REQUIRE(both.size() == 36);
    CHECK(Bytes(both.begin(), both.begin() + 16) == crypto::digest(HashAlgorithm::md5, message));
    CHECK(Bytes(both.begin() + 16, both.end()) == crypto::digest(HashAlgorithm::sha1, message));

    const Bytes s = crypto::rsa_sign_tls_md5_sha1(key, both, rng);
    const Bytes em = open_signature(key.public_key(), s);
    CHECK(em[1] == 0x01);
    CHECK(em[128 - 37] == 0x00);
    CHECK(Bytes(em.end() - 36, em.end()) == both);
    CHECK(crypto::rsa_verify_tls_md5_sha1(key.public_key(), both, s).valid);
    Bytes other = both;
    other[0] ^= 1;
    CHECK_FALSE(crypto::rsa_verify_tls_md5_sha1(key.public_key(), other, s).valid);
    CHECK_THROWS_AS(crypto::rsa_sign_tls_md5_sha1(key, ByteView(both).first(35), rng), Error);
}
