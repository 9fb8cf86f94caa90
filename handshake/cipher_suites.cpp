#include "handshake/cipher_suites.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>

#include "crypto/error.h"

namespace lucid::handshake {

namespace {

using crypto::HashAlgorithm;

// RFC 5246 Appendix A.5 (codes) and Appendix C (key and block sizes); the NULL suite is for
// teaching only, hence off by default.
constexpr std::array<CipherSuiteInfo, 9> suite_table = {{
    //  suite                                            IANA name                          OpenSSL name
    {CipherSuite::TLS_RSA_WITH_AES_128_CBC_SHA256, "TLS_RSA_WITH_AES_128_CBC_SHA256", "AES128-SHA256",
     KeyExchange::rsa, BulkCipher::aes_128_cbc, 16, 16, HashAlgorithm::sha256, 32, HashAlgorithm::sha256, true},
    {CipherSuite::TLS_RSA_WITH_AES_256_CBC_SHA256, "TLS_RSA_WITH_AES_256_CBC_SHA256", "AES256-SHA256",
     KeyExchange::rsa, BulkCipher::aes_256_cbc, 32, 16, HashAlgorithm::sha256, 32, HashAlgorithm::sha256, true},
    {CipherSuite::TLS_RSA_WITH_AES_128_CBC_SHA, "TLS_RSA_WITH_AES_128_CBC_SHA", "AES128-SHA",
     KeyExchange::rsa, BulkCipher::aes_128_cbc, 16, 16, HashAlgorithm::sha1, 20, HashAlgorithm::sha256, true},
    {CipherSuite::TLS_RSA_WITH_AES_256_CBC_SHA, "TLS_RSA_WITH_AES_256_CBC_SHA", "AES256-SHA",
     KeyExchange::rsa, BulkCipher::aes_256_cbc, 32, 16, HashAlgorithm::sha1, 20, HashAlgorithm::sha256, true},
    {CipherSuite::TLS_RSA_WITH_NULL_SHA256, "TLS_RSA_WITH_NULL_SHA256", "NULL-SHA256",
     KeyExchange::rsa, BulkCipher::null, 0, 0, HashAlgorithm::sha256, 32, HashAlgorithm::sha256, false},
    // RFC 5246 Appendix A.5: the DHE_RSA suites (the server's key signs, does not decrypt).
    {CipherSuite::TLS_DHE_RSA_WITH_AES_128_CBC_SHA256, "TLS_DHE_RSA_WITH_AES_128_CBC_SHA256", "DHE-RSA-AES128-SHA256",
     KeyExchange::dhe_rsa, BulkCipher::aes_128_cbc, 16, 16, HashAlgorithm::sha256, 32, HashAlgorithm::sha256, true},
    {CipherSuite::TLS_DHE_RSA_WITH_AES_256_CBC_SHA256, "TLS_DHE_RSA_WITH_AES_256_CBC_SHA256", "DHE-RSA-AES256-SHA256",
     KeyExchange::dhe_rsa, BulkCipher::aes_256_cbc, 32, 16, HashAlgorithm::sha256, 32, HashAlgorithm::sha256, true},
    {CipherSuite::TLS_DHE_RSA_WITH_AES_128_CBC_SHA, "TLS_DHE_RSA_WITH_AES_128_CBC_SHA", "DHE-RSA-AES128-SHA",
     KeyExchange::dhe_rsa, BulkCipher::aes_128_cbc, 16, 16, HashAlgorithm::sha1, 20, HashAlgorithm::sha256, true},
    {CipherSuite::TLS_DHE_RSA_WITH_AES_256_CBC_SHA, "TLS_DHE_RSA_WITH_AES_256_CBC_SHA", "DHE-RSA-AES256-SHA",
     KeyExchange::dhe_rsa, BulkCipher::aes_256_cbc, 32, 16, HashAlgorithm::sha1, 20, HashAlgorithm::sha256, true},
}};

bool same_name(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::toupper(static_cast<unsigned char>(x)) == std::toupper(static_cast<unsigned char>(y));
           });
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return s;
}

}  // namespace

std::span<const CipherSuiteInfo> all_cipher_suites() { return suite_table; }

const CipherSuiteInfo* find_cipher_suite(std::uint16_t code) {
    for (const CipherSuiteInfo& row : suite_table) {
        if (static_cast<std::uint16_t>(row.suite) == code) return &row;
    }
    return nullptr;
}

const CipherSuiteInfo& cipher_suite_info(CipherSuite suite) {
    const CipherSuiteInfo* row = find_cipher_suite(static_cast<std::uint16_t>(suite));
    if (row == nullptr) throw Error("cipher suite " + cipher_suite_label(static_cast<std::uint16_t>(suite)) +
                                    " is not implemented");
    return *row;
}

std::string cipher_suite_label(std::uint16_t code) {
    char hex[16];
    std::snprintf(hex, sizeof hex, "0x%04x", static_cast<unsigned>(code));
    if (const CipherSuiteInfo* row = find_cipher_suite(code)) return std::string(row->iana_name) + " (" + hex + ")";
    if (code == TLS_EMPTY_RENEGOTIATION_INFO_SCSV) return std::string("TLS_EMPTY_RENEGOTIATION_INFO_SCSV (") + hex + ")";
    return std::string("unknown (") + hex + ")";
}

std::vector<CipherSuite> default_cipher_suites() {
    std::vector<CipherSuite> out;
    for (const CipherSuiteInfo& row : suite_table) {
        if (row.enabled_by_default) out.push_back(row.suite);
    }
    return out;
}

std::vector<CipherSuite> parse_cipher_list(std::string_view list) {
    std::vector<CipherSuite> out;
    while (true) {
        const std::size_t cut = list.find_first_of(":,");
        const std::string_view name = trim(list.substr(0, cut));
        if (!name.empty()) {
            const CipherSuiteInfo* found = nullptr;
            for (const CipherSuiteInfo& row : suite_table) {
                if (same_name(name, row.iana_name) || same_name(name, row.openssl_name)) found = &row;
            }
            if (found == nullptr) {
                std::string known;
                for (const CipherSuiteInfo& row : suite_table) {
                    known += (known.empty() ? "" : ", ") + std::string(row.openssl_name);
                }
                throw Error("unknown cipher suite '" + std::string(name) + "' (known: " + known +
                            ", or their IANA names)");
            }
            if (std::find(out.begin(), out.end(), found->suite) == out.end()) out.push_back(found->suite);
        }
        if (cut == std::string_view::npos) break;
        list.remove_prefix(cut + 1);
    }
    if (out.empty()) throw Error("empty cipher suite list");
    return out;
}

}  // namespace lucid::handshake
