// Tests of handshake/cipher_suites.cpp: RFC 5246 Appendix A.5 and C.
#include <doctest/doctest.h>

#include <algorithm>

#include "crypto/error.h"
#include "handshake/cipher_suites.h"

using namespace lucid;
using namespace lucid::handshake;

TEST_CASE("RFC 5246 Appendix A.5, RFC 5288, RFC 5289, RFC 7905, RFC 8422 §6: the twenty-three suites and their codes") {
    CHECK(all_cipher_suites().size() == 23);
    CHECK(cipher_suite_info(CipherSuite::TLS_RSA_WITH_AES_128_CBC_SHA).openssl_name == "AES128-SHA");
    CHECK(find_cipher_suite(0x0035)->iana_name == "TLS_RSA_WITH_AES_256_CBC_SHA");
    CHECK(find_cipher_suite(0x003B)->mac_length == 32);
    CHECK(find_cipher_suite(0x002F)->mac_length == 20);
    CHECK(find_cipher_suite(0xC02B) == nullptr);  // ECDHE_ECDSA: lucidtls has RSA certificates only
    CHECK(cipher_suite_label(0x00FF) == "TLS_EMPTY_RENEGOTIATION_INFO_SCSV (0x00ff)");
    CHECK(cipher_suite_label(0x1301) == "unknown (0x1301)");
}

TEST_CASE("TLS_RSA_WITH_NULL_SHA256 is off unless named") {
    const std::vector<CipherSuite> defaults = default_cipher_suites();
    CHECK(defaults.size() == 19);
    CHECK(std::find(defaults.begin(), defaults.end(), CipherSuite::TLS_RSA_WITH_NULL_SHA256) == defaults.end());
    CHECK(parse_cipher_list("NULL-SHA256") == std::vector<CipherSuite>{CipherSuite::TLS_RSA_WITH_NULL_SHA256});
}

TEST_CASE("RFC 5246 Appendix A.5: the TLS_DH_anon suites: anonymous, finite-field DH, never on by default") {
    for (std::uint16_t code : {0x0034, 0x003A, 0x006C}) {
        CAPTURE(code);
        const CipherSuiteInfo& info = *find_cipher_suite(code);
        CHECK(info.key_exchange == KeyExchange::dh_anon);
        CHECK(is_anonymous(info));
        CHECK(uses_ffdhe(info));
        CHECK_FALSE(signs_server_key_exchange(info));
        CHECK_FALSE(info.enabled_by_default);
    }
    CHECK(parse_cipher_list("ADH-AES128-SHA") == std::vector<CipherSuite>{CipherSuite::TLS_DH_anon_WITH_AES_128_CBC_SHA});
    CHECK(uses_ffdhe(*find_cipher_suite(0x0067)));
    CHECK_FALSE(uses_ffdhe(*find_cipher_suite(0xC02F)));
    CHECK_FALSE(is_anonymous(*find_cipher_suite(0x0067)));
}

TEST_CASE("--cipher lists: IANA or OpenSSL names, ':' or ',', any case, order kept, duplicates dropped") {
    CHECK(parse_cipher_list("AES256-SHA:TLS_RSA_WITH_AES_128_CBC_SHA256") ==
          std::vector<CipherSuite>{CipherSuite::TLS_RSA_WITH_AES_256_CBC_SHA, CipherSuite::TLS_RSA_WITH_AES_128_CBC_SHA256});
    CHECK(parse_cipher_list("aes128-sha, AES128-SHA,tls_rsa_with_aes_128_cbc_sha") ==
          std::vector<CipherSuite>{CipherSuite::TLS_RSA_WITH_AES_128_CBC_SHA});
    CHECK_THROWS_WITH_AS(parse_cipher_list("RC4-MD5"), doctest::Contains("RC4-MD5"), Error);
    CHECK_THROWS_AS(parse_cipher_list(" : , "), Error);
}

TEST_CASE("RFC 5246 Appendix A.5: the DHE_RSA suites") {
    CHECK(find_cipher_suite(0x0033)->iana_name == "TLS_DHE_RSA_WITH_AES_128_CBC_SHA");
    CHECK(find_cipher_suite(0x0039)->openssl_name == "DHE-RSA-AES256-SHA");
    CHECK(find_cipher_suite(0x0067)->mac_length == 32);
    CHECK(find_cipher_suite(0x006B)->enc_key_length == 32);
    for (std::uint16_t code : {0x0033, 0x0039, 0x0067, 0x006B, 0x009E, 0x009F, 0xCCAA}) {
        CHECK(find_cipher_suite(code)->key_exchange == KeyExchange::dhe_rsa);
    }
    CHECK(parse_cipher_list("DHE-RSA-AES128-SHA256:TLS_DHE_RSA_WITH_AES_256_CBC_SHA") ==
          std::vector<CipherSuite>{CipherSuite::TLS_DHE_RSA_WITH_AES_128_CBC_SHA256, CipherSuite::TLS_DHE_RSA_WITH_AES_256_CBC_SHA});
}

TEST_CASE("RFC 8422 §6, RFC 5289: the ECDHE_RSA suites") {
    for (std::uint16_t code : {0xC013, 0xC014, 0xC027, 0xC02F, 0xC030, 0xCCA8}) {
        CAPTURE(code);
        REQUIRE(find_cipher_suite(code) != nullptr);
        CHECK(find_cipher_suite(code)->key_exchange == KeyExchange::ecdhe_rsa);
        CHECK(signs_server_key_exchange(*find_cipher_suite(code)));
    }
    CHECK(find_cipher_suite(0xC013)->openssl_name == "ECDHE-RSA-AES128-SHA");
    CHECK(find_cipher_suite(0xC013)->min_version == 0x0301);  // RFC 8422: also for TLS 1.0 and 1.1
    CHECK(find_cipher_suite(0xC027)->min_version == 0x0303);  // RFC 5289: SHA-256 PRF, TLS 1.2 only
    CHECK(find_cipher_suite(0xCCA8)->openssl_name == "ECDHE-RSA-CHACHA20-POLY1305");
    CHECK_FALSE(signs_server_key_exchange(*find_cipher_suite(0x009C)));
}

TEST_CASE("RFC 5288 §3, RFC 7905 §2: AEAD rows have no MAC key, a 4-byte salt (GCM) or 12-byte IV (ChaCha), 16-byte tags") {
    for (const CipherSuiteInfo& row : all_cipher_suites()) {
        if (row.cipher_kind != record::CipherKind::aead) continue;
        CAPTURE(row.iana_name);
        CHECK(row.mac_length == 0);
        CHECK(row.tag_length == 16);
        CHECK(row.block_length == 0);
        CHECK(row.min_version == 0x0303);
        const bool chacha = row.cipher == BulkCipher::chacha20_poly1305;
        CHECK(row.fixed_iv_length == (chacha ? 12u : 4u));
        CHECK(row.record_iv_length == (chacha ? 0u : 8u));
        const record::KeyMaterialSizes sizes = record::key_material_sizes(record_cipher_spec(row));
        CHECK(sizes.mac_key_length == 0);
        CHECK(sizes.key_block_length() == 2 * (row.enc_key_length + row.fixed_iv_length));
        // RFC 5288 §3 / RFC 5289 §3.2: the _SHA384 suites use the SHA-384 PRF.
        const bool sha384 = row.iana_name.ends_with("SHA384");
        CHECK(prf_algorithm(row, 0x0303) == (sha384 ? PrfAlgorithm::tls12_sha384 : PrfAlgorithm::tls12_sha256));
    }
    CHECK(record::key_material_sizes(record_cipher_spec(*find_cipher_suite(0xC02F))).key_block_length() == 40);
    CHECK(record::key_material_sizes(record_cipher_spec(*find_cipher_suite(0xC030))).key_block_length() == 72);
    CHECK(record::key_material_sizes(record_cipher_spec(*find_cipher_suite(0xCCA8))).key_block_length() == 88);
}

TEST_CASE("default preference: ECDHE-GCM, ECDHE-ChaCha20, DHE-GCM, DHE-ChaCha20, CBC (ECDHE, DHE), RSA key exchange last") {
    const std::vector<CipherSuite> defaults = default_cipher_suites();
    REQUIRE(defaults.size() >= 6);
    CHECK(defaults[0] == CipherSuite::TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256);
    CHECK(defaults[1] == CipherSuite::TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384);
    CHECK(defaults[2] == CipherSuite::TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256);
    CHECK(defaults[3] == CipherSuite::TLS_DHE_RSA_WITH_AES_128_GCM_SHA256);
    CHECK(defaults[4] == CipherSuite::TLS_DHE_RSA_WITH_AES_256_GCM_SHA384);
    CHECK(defaults[5] == CipherSuite::TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256);
    // Then CBC with forward secrecy, then every RSA key exchange suite.
    const auto first_rsa = std::find_if(defaults.begin(), defaults.end(), [](CipherSuite s) {
        return cipher_suite_info(s).key_exchange == KeyExchange::rsa;
    });
    CHECK(std::all_of(defaults.begin() + 6, first_rsa,
                      [](CipherSuite s) { return cipher_suite_info(s).cipher_kind == record::CipherKind::block; }));
    CHECK(std::all_of(first_rsa, defaults.end(), [](CipherSuite s) { return cipher_suite_info(s).key_exchange == KeyExchange::rsa; }));
    CHECK(std::distance(first_rsa, defaults.end()) == 6);
}
