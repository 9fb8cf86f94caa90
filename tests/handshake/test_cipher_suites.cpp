// Tests of handshake/cipher_suites.cpp: RFC 5246 Appendix A.5 and C.
#include <doctest/doctest.h>

#include <algorithm>

#include "crypto/error.h"
#include "handshake/cipher_suites.h"

using namespace lucid;
using namespace lucid::handshake;

TEST_CASE("RFC 5246 Appendix A.5: the nine suites and their codes") {
    CHECK(all_cipher_suites().size() == 9);
    CHECK(cipher_suite_info(CipherSuite::TLS_RSA_WITH_AES_128_CBC_SHA).openssl_name == "AES128-SHA");
    CHECK(find_cipher_suite(0x0035)->iana_name == "TLS_RSA_WITH_AES_256_CBC_SHA");
    CHECK(find_cipher_suite(0x003B)->mac_length == 32);
    CHECK(find_cipher_suite(0x002F)->mac_length == 20);
    CHECK(find_cipher_suite(0xC02F) == nullptr);
    CHECK(cipher_suite_label(0x00FF) == "TLS_EMPTY_RENEGOTIATION_INFO_SCSV (0x00ff)");
    CHECK(cipher_suite_label(0x1301) == "unknown (0x1301)");
}

TEST_CASE("TLS_RSA_WITH_NULL_SHA256 is off unless named") {
    const std::vector<CipherSuite> defaults = default_cipher_suites();
    CHECK(defaults.size() == 8);
    CHECK(std::find(defaults.begin(), defaults.end(), CipherSuite::TLS_RSA_WITH_NULL_SHA256) == defaults.end());
    CHECK(parse_cipher_list("NULL-SHA256") == std::vector<CipherSuite>{CipherSuite::TLS_RSA_WITH_NULL_SHA256});
}

TEST_CASE("--cipher lists: IANA or OpenSSL names, ':' or ',', any case, order kept, duplicates dropped") {
    CHECK(parse_cipher_list("AES256-SHA:TLS_RSA_WITH_AES_128_CBC_SHA256") ==
          std::vector<CipherSuite>{CipherSuite::TLS_RSA_WITH_AES_256_CBC_SHA, CipherSuite::TLS_RSA_WITH_AES_128_CBC_SHA256});
    CHECK(parse_cipher_list("aes128-sha, AES128-SHA,tls_rsa_with_aes_128_cbc_sha") ==
          std::vector<CipherSuite>{CipherSuite::TLS_RSA_WITH_AES_128_CBC_SHA});
    CHECK_THROWS_WITH_AS(parse_cipher_list("RC4-MD5"), doctest::Contains("RC4-MD5"), Error);
    CHECK_THROWS_AS(parse_cipher_list(" : , "), Error);
}

TEST_CASE("RFC 5246 Appendix A.5: the DHE_RSA suites, after the RSA ones by default") {
    CHECK(find_cipher_suite(0x0033)->iana_name == "TLS_DHE_RSA_WITH_AES_128_CBC_SHA");
    CHECK(find_cipher_suite(0x0039)->openssl_name == "DHE-RSA-AES256-SHA");
    CHECK(find_cipher_suite(0x0067)->mac_length == 32);
    CHECK(find_cipher_suite(0x006B)->enc_key_length == 32);
    for (std::uint16_t code : {0x0033, 0x0039, 0x0067, 0x006B}) {
        CHECK(find_cipher_suite(code)->key_exchange == KeyExchange::dhe_rsa);
    }
    const std::vector<CipherSuite> defaults = default_cipher_suites();
    const auto first_dhe = std::find_if(defaults.begin(), defaults.end(), [](CipherSuite s) {
        return cipher_suite_info(s).key_exchange == KeyExchange::dhe_rsa;
    });
    CHECK(std::all_of(defaults.begin(), first_dhe, [](CipherSuite s) { return cipher_suite_info(s).key_exchange == KeyExchange::rsa; }));
    CHECK(std::distance(first_dhe, defaults.end()) == 4);
    CHECK(parse_cipher_list("DHE-RSA-AES128-SHA256:TLS_DHE_RSA_WITH_AES_256_CBC_SHA") ==
          std::vector<CipherSuite>{CipherSuite::TLS_DHE_RSA_WITH_AES_128_CBC_SHA256, CipherSuite::TLS_DHE_RSA_WITH_AES_256_CBC_SHA});
}
