#include <doctest/doctest.h>

#include <string>

#include "crypto/error.h"
#include "crypto/hex.h"
#include "crypto/hmac.h"

using namespace lucid;
using crypto::HashAlgorithm;

namespace {

// Key bytes i mod 256, as python3 bytes(i % 256 for i in range(n)).
Bytes counting_key(std::size_t n) {
    Bytes k(n);
    for (std::size_t i = 0; i < n; ++i) k[i] = static_cast<std::uint8_t>(i);
    return k;
}

std::string hmac_hex(HashAlgorithm alg, ByteView key, std::string_view data) {
    return to_hex(crypto::hmac(alg, key, as_bytes(data)));
}

}  // namespace

TEST_CASE("RFC 2104 §2: a key longer than the block is hashed first") {
    // Produced with python3: hmac.new(bytes(i % 256 for i in range(n)), b"lucidtls long key", alg).hexdigest();
    // the sha256/100 and sha512/200 values also with `openssl dgst -ALG -mac HMAC -macopt hexkey:...`.
    CHECK(hmac_hex(HashAlgorithm::md5, counting_key(100), "lucidtls long key") == "8243700efab1ea19eb06e031006cbccd");
    CHECK(hmac_hex(HashAlgorithm::sha1, counting_key(100), "lucidtls long key") ==
          "7e0183347a7df345f697870eb7a31d1afc18da0d");
    CHECK(hmac_hex(HashAlgorithm::sha256, counting_key(100), "lucidtls long key") ==
          "bd526e1f8bf56f928ec1bc61f22df363df87325995cfd3d0c40268d983a46b69");
    CHECK(hmac_hex(HashAlgorithm::sha384, counting_key(200), "lucidtls long key") ==
          "cf89c2b19142de5f948f2d89091ef76d52ca2fb8c2835154893254d887e8b5a64544fe643ee4839379c051ef2b647727");
    CHECK(hmac_hex(HashAlgorithm::sha512, counting_key(200), "lucidtls long key") ==
          "172fa247a247b4ae7b45bd940c3eaae4f63cb292a617ae88757e04f967dbade3904f27edb8f8a3dd912ad4b50ee84b2eecbfea370d7acb0a707a61f8e4b97abc");
}

TEST_CASE("RFC 2104 §2: keys of exactly one block and one byte more") {
    // python3 hmac, as above: 64 bytes is used as it is, 65 bytes is hashed; 128 for SHA-512.
    CHECK(hmac_hex(HashAlgorithm::sha256, counting_key(64), "lucidtls long key") ==
          "5c307ea9a915b10aa08490080c7463b99d01023c7514735efbc1ddba0d26e16a");
    CHECK(hmac_hex(HashAlgorithm::sha256, counting_key(65), "lucidtls long key") ==
          "bfcf8f39bce793c69f08cb5d0bf54b4ae83d4aafc6c08ad943c6437aa2aaca74");
    CHECK(hmac_hex(HashAlgorithm::sha512, counting_key(128), "lucidtls long key") ==
          "2a45a2b01e900c9c6d1aed6f168bb15964d16a73f0ab7fbcd52deaa1e7328dca0f2f5bea99b680702ac103ca603cf529778ca6d04f7889af5e078985184008a7");
}

TEST_CASE("RFC 4231 §4.6 test case 5: truncated output is the left-most 128 bits") {
    // The published values of RFC 4231 §4.6 (python-cryptography's files leave this case out);
    // also reproduced with python3 hmac. A truncated MAC is compared as a prefix (RFC 2104 §5).
    const Bytes key(20, 0x0c);
    const char* expected[][2] = {
        {"sha224", "0e2aea68a90c8d37c988bcdb9fca6fa8"},
        {"sha256", "a3b6167473100ee06e0c796c2955552b"},
        {"sha384", "3abf34c3503b2a23a46efc619baef897"},
        {"sha512", "415fad6271580a531d4179bc891d87a6"},
    };
    for (const auto& row : expected) {
        INFO(row[0]);
        const std::string full = hmac_hex(*crypto::hash_from_name(row[0]), key, "Test With Truncation");
        CHECK(full.substr(0, 32) == row[1]);
    }
}

TEST_CASE("HMAC: streaming split at every offset equals one-shot") {
    const Bytes key = counting_key(20);
    const Bytes message = counting_key(150);
    for (HashAlgorithm alg : {HashAlgorithm::sha1, HashAlgorithm::sha256, HashAlgorithm::sha384}) {
        const Bytes expected = crypto::hmac(alg, key, message);
        crypto::Hmac mac(alg, key);
        for (std::size_t split = 0; split <= message.size(); ++split) {
            INFO(crypto::hash_name(alg) << " split at " << split);
            mac.update(ByteView(message).first(split));
            mac.update(ByteView(message).subspan(split));
            CHECK(mac.final() == expected);  // also shows final() leaves the key ready for reuse
        }
    }
}

TEST_CASE("HMAC: a copy taken mid-message continues independently") {
    const Bytes key = counting_key(33);
    const Bytes message = counting_key(100);
    crypto::Hmac mac(HashAlgorithm::sha256, key);
    mac.update(ByteView(message).first(40));
    crypto::Hmac copy(mac);
    CHECK(copy.final() == crypto::hmac(HashAlgorithm::sha256, key, ByteView(message).first(40)));
    mac.update(ByteView(message).subspan(40));
    CHECK(mac.final() == crypto::hmac(HashAlgorithm::sha256, key, message));
    CHECK(copy.algorithm() == HashAlgorithm::sha256);
}

TEST_CASE("HMAC: sizes, the empty key and the empty message") {
    crypto::Hmac mac(HashAlgorithm::sha384, {});
    CHECK(mac.mac_size() == 48);
    CHECK(mac.algorithm() == HashAlgorithm::sha384);
    // python3: hmac.new(b"", b"", "sha256").hexdigest()
    CHECK(to_hex(crypto::hmac(HashAlgorithm::sha256, {}, {})) ==
          "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad");
    Bytes wrong(47);
    CHECK_THROWS_AS(mac.final(wrong), Error);
}
