// Tests of handshake/handshake_signatures.cpp: RFC 5246 §4.7, §7.4.1.4.1, §7.4.3, §7.4.8.
#include <doctest/doctest.h>

#include "crypto/hex.h"
#include "crypto/random.h"
#include "handshake/extensions.h"
#include "handshake/handshake_signatures.h"
#include "record/tls_error.h"
#include "tests/handshake/test_pki.h"

using namespace lucid;
using namespace lucid::handshake;
using lucid::record::AlertDescription;
using lucid::record::TlsError;

namespace {

AlertDescription alert_of(const std::function<void()>& f) {
    try {
        f();
    } catch (const TlsError& e) {
        return e.alert();
    }
    FAIL("no TlsError thrown");
    return AlertDescription::close_notify;
}

}  // namespace

TEST_CASE("RFC 5246 §7.4.1.4.1: hash of each rsa_pkcs1 algorithm; MD5, DSA and ECDSA are refused") {
    CHECK(rsa_pkcs1_hash(0x0201) == crypto::HashAlgorithm::sha1);
    CHECK(rsa_pkcs1_hash(0x0401) == crypto::HashAlgorithm::sha256);
    CHECK(rsa_pkcs1_hash(0x0501) == crypto::HashAlgorithm::sha384);
    CHECK(rsa_pkcs1_hash(0x0601) == crypto::HashAlgorithm::sha512);
    CHECK_FALSE(rsa_pkcs1_hash(0x0101));  // md5
    CHECK_FALSE(rsa_pkcs1_hash(0x0402));  // dsa_sha256
    CHECK_FALSE(rsa_pkcs1_hash(0x0403));  // ecdsa_sha256
    CHECK_FALSE(rsa_pkcs1_hash(0x0804));  // rsa_pss_rsae_sha256 (TLS 1.3 style)
}

TEST_CASE("RFC 5246 §7.4.1.4.1: without a list {sha1,rsa} is assumed; otherwise our first that the peer accepts") {
    CHECK(choose_signature_algorithm(std::nullopt) == std::uint16_t{0x0201});
    CHECK(choose_signature_algorithm(std::vector<std::uint16_t>{0x0601, 0x0401}) == std::uint16_t{0x0401});
    CHECK(choose_signature_algorithm(std::vector<std::uint16_t>{0x0403, 0x0501}) == std::uint16_t{0x0501});
    CHECK_FALSE(choose_signature_algorithm(std::vector<std::uint16_t>{0x0403, 0x0804}));
}

TEST_CASE("RFC 5246 §4.7: a signature made by sign_handshake verifies with the public key") {
    const auto& key = testing::test_pki().server_key;
    crypto::HmacDrbg rng(as_bytes("handshake signatures"), {}, {});
    const Bytes content = to_bytes("client_random + server_random + params");
    for (std::uint16_t algorithm : default_signature_algorithms()) {
        CAPTURE(algorithm);
        const DigitallySigned s = sign_handshake(key, algorithm, content, rng);
        CHECK(s.algorithm == algorithm);
        CHECK(s.signature.size() == key.size_bytes());
        CHECK_NOTHROW(verify_handshake_signature(key.public_key(), s, content, default_signature_algorithms(), "test"));
    }
    CHECK_THROWS_AS(sign_handshake(key, 0x0101, content, rng), Error);
}

TEST_CASE("RFC 5246 §7.2.2: a signature that does not verify is decrypt_error") {
    const auto& key = testing::test_pki().server_key;
    crypto::HmacDrbg rng(as_bytes("handshake signatures"), {}, {});
    const Bytes content = to_bytes("the handshake messages");
    DigitallySigned s = sign_handshake(key, 0x0401, content, rng);
    const std::vector<std::uint16_t> accept = default_signature_algorithms();
    // Another message.
    CHECK(alert_of([&] { verify_handshake_signature(key.public_key(), s, to_bytes("other"), accept, "test"); }) ==
          AlertDescription::decrypt_error);
    // The same signature relabelled with another hash.
    DigitallySigned relabelled = s;
    relabelled.algorithm = 0x0501;
    CHECK(alert_of([&] { verify_handshake_signature(key.public_key(), relabelled, content, accept, "test"); }) ==
          AlertDescription::decrypt_error);
    // One bit flipped, and a signature one byte short.
    DigitallySigned flipped = s;
    flipped.signature[17] ^= 0x01;
    CHECK(alert_of([&] { verify_handshake_signature(key.public_key(), flipped, content, accept, "test"); }) ==
          AlertDescription::decrypt_error);
    DigitallySigned short_one = s;
    short_one.signature.pop_back();
    CHECK(alert_of([&] { verify_handshake_signature(key.public_key(), short_one, content, accept, "test"); }) ==
          AlertDescription::decrypt_error);
}

TEST_CASE("RFC 5246 §7.4.3/§7.4.8: an algorithm the verifier did not list is illegal_parameter") {
    const auto& key = testing::test_pki().server_key;
    crypto::HmacDrbg rng(as_bytes("handshake signatures"), {}, {});
    const Bytes content = to_bytes("x");
    const DigitallySigned sha1 = sign_handshake(key, 0x0201, content, rng);
    // Valid signature, but the verifier asked for SHA-256 only.
    CHECK(alert_of([&] { verify_handshake_signature(key.public_key(), sha1, content, {0x0401}, "test"); }) ==
          AlertDescription::illegal_parameter);
    // An algorithm lucidtls cannot check at all, even if listed.
    DigitallySigned ecdsa = sha1;
    ecdsa.algorithm = 0x0403;
    CHECK(alert_of([&] { verify_handshake_signature(key.public_key(), ecdsa, content, {0x0403}, "test"); }) ==
          AlertDescription::illegal_parameter);
}
