// Tests of handshake/prf.cpp. The vector files (vectors/prf/) are run by tests/conformance; here
// the PRF is checked against its definition, written out with HMAC from crypto/.
#include <doctest/doctest.h>

#include "crypto/hex.h"
#include "crypto/hmac.h"
#include "handshake/prf.h"

using namespace lucid;
using namespace lucid::handshake;
using crypto::HashAlgorithm;

namespace {
Bytes counting(std::size_t n, std::uint8_t start) {
    Bytes b(n);
    for (std::size_t i = 0; i < n; ++i) b[i] = static_cast<std::uint8_t>(start + 11 * i);
    return b;
}
}  // namespace

TEST_CASE("RFC 5246 §5: the P_SHA256 vector published on the TLS working group list") {
    // https://www.ietf.org/mail-archive/web/tls/current/msg03416.html (also vectors/prf/).
    const SecretBytes out = prf(PrfAlgorithm::tls12_sha256, from_hex("9bbe436ba940f017b17652849a71db35"), "test label",
                                from_hex("a0ba9f936cda311827a6f796ffd5198c"), 100);
    CHECK(to_hex(out.view()) ==
          "e3f229ba727be17b8d122620557cd453c2aab21d07c3d495329b52d4e61edb5a6b301791e90d35c9c9a46b4e14baf9af"
          "0fa022f7077def17abfd3797c0564bab4fbc91666e9def9b97fce34f796789baa48082d122ee42c5a72e5a5110fff701"
          "87347b66");
}

TEST_CASE("RFC 5246 §5: P_hash is HMAC(secret, A(i) + seed) with A(i) = HMAC(secret, A(i-1))") {
    for (HashAlgorithm h : {HashAlgorithm::sha256, HashAlgorithm::sha384, HashAlgorithm::sha1, HashAlgorithm::md5}) {
        INFO(crypto::hash_name(h));
        const Bytes secret = counting(21, 5), seed = counting(30, 200);
        Bytes expected;
        Bytes a = seed;  // A(0)
        for (int i = 0; i < 4; ++i) {
            a = crypto::hmac(h, secret, a);
            append(expected, crypto::hmac(h, secret, concat({a, seed})));
        }
        for (std::size_t n : {std::size_t{0}, std::size_t{1}, crypto::digest_size(h), crypto::digest_size(h) + 1,
                              expected.size()}) {
            CHECK(to_hex(p_hash(h, secret, seed, n).view()) == to_hex(ByteView(expected).first(n)));
        }
    }
}

TEST_CASE("RFC 5246 §5: PRF(secret, label, seed) = P_<hash>(secret, label + seed)") {
    const Bytes secret = counting(48, 1), seed = counting(64, 2);
    CHECK(prf(PrfAlgorithm::tls12_sha256, secret, "key expansion", seed, 104).view().size() == 104);
    CHECK(to_hex(prf(PrfAlgorithm::tls12_sha256, secret, "key expansion", seed, 104).view()) ==
          to_hex(p_hash(HashAlgorithm::sha256, secret, concat({as_bytes("key expansion"), seed}), 104).view()));
    CHECK(to_hex(prf(PrfAlgorithm::tls12_sha384, secret, "master secret", seed, 48).view()) ==
          to_hex(p_hash(HashAlgorithm::sha384, secret, concat({as_bytes("master secret"), seed}), 48).view()));
}

TEST_CASE("RFC 2246 §5: the TLS 1.0 PRF is P_MD5(S1) xor P_SHA-1(S2), halves sharing the middle byte") {
    for (std::size_t secret_length : {0u, 1u, 2u, 47u, 48u, 49u}) {
        INFO("secret of " << secret_length << " bytes");
        const Bytes secret = counting(secret_length, 9), seed = counting(13, 3);
        const std::size_t half = (secret_length + 1) / 2;  // L_S1 = L_S2 = ceil(L_S / 2)
        const Bytes label_seed = concat({as_bytes("PRF Testvector"), seed});
        const SecretBytes md5 = p_hash(HashAlgorithm::md5, ByteView(secret).first(half), label_seed, 37);
        const SecretBytes sha1 = p_hash(HashAlgorithm::sha1, ByteView(secret).last(half), label_seed, 37);
        Bytes expected(37);
        for (std::size_t i = 0; i < 37; ++i) expected[i] = md5.view()[i] ^ sha1.view()[i];
        CHECK(to_hex(prf(PrfAlgorithm::tls10_md5_sha1, secret, "PRF Testvector", seed, 37).view()) == to_hex(expected));
    }
}

TEST_CASE("RFC 5246 §5: a shorter output is a prefix of a longer one") {
    for (PrfAlgorithm alg : {PrfAlgorithm::tls10_md5_sha1, PrfAlgorithm::tls12_sha256, PrfAlgorithm::tls12_sha384}) {
        const Bytes secret = counting(48, 7), seed = counting(64, 8);
        const SecretBytes longest = prf(alg, secret, "key expansion", seed, 200);
        for (std::size_t n = 0; n <= 200; n += 7) {
            CHECK(to_hex(prf(alg, secret, "key expansion", seed, n).view()) == to_hex(longest.view().first(n)));
        }
    }
}

TEST_CASE("PRF names: sha256, sha384 and md5-sha1, in any case, with or without dashes") {
    CHECK(prf_from_name("sha256") == PrfAlgorithm::tls12_sha256);
    CHECK(prf_from_name("SHA-384") == PrfAlgorithm::tls12_sha384);
    CHECK(prf_from_name("MD5-SHA1") == PrfAlgorithm::tls10_md5_sha1);
    CHECK(prf_from_name("md5sha1") == PrfAlgorithm::tls10_md5_sha1);
    CHECK_FALSE(prf_from_name("sha1"));
    CHECK_FALSE(prf_from_name(""));
    for (PrfAlgorithm alg : {PrfAlgorithm::tls10_md5_sha1, PrfAlgorithm::tls12_sha256, PrfAlgorithm::tls12_sha384}) {
        CHECK(prf_from_name(prf_name(alg)) == alg);
    }
}
