#include "handshake/cipher_suites.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>

#include "crypto/error.h"

namespace lucid::handshake {

namespace {

using crypto::HashAlgorithm;

constexpr auto rsa = KeyExchange::rsa;
constexpr auto dhe_rsa = KeyExchange::dhe_rsa;
constexpr auto ecdhe_rsa = KeyExchange::ecdhe_rsa;
constexpr auto dh_anon = KeyExchange::dh_anon;
constexpr auto rsa_auth = Authentication::rsa;
constexpr auto anon = Authentication::anonymous;
constexpr auto null = BulkCipher::null;
constexpr auto aes128cbc = BulkCipher::aes_128_cbc;
constexpr auto aes256cbc = BulkCipher::aes_256_cbc;
constexpr auto aes128gcm = BulkCipher::aes_128_gcm;
constexpr auto aes256gcm = BulkCipher::aes_256_gcm;
constexpr auto chacha = BulkCipher::chacha20_poly1305;
constexpr auto stream = record::CipherKind::stream;
constexpr auto block = record::CipherKind::block;
constexpr auto aead = record::CipherKind::aead;
constexpr auto sha1 = HashAlgorithm::sha1;
constexpr auto sha256 = HashAlgorithm::sha256;
constexpr auto sha384 = HashAlgorithm::sha384;
constexpr std::uint16_t tls10 = 0x0301;
constexpr std::uint16_t tls12 = 0x0303;

// RFC 5246 Appendix A.5 (codes) and Appendix C (key, IV and block sizes); RFC 5288 §3 and RFC 5289
// §3.2 (AES-GCM: a 4-byte salt from the key block, an 8-byte explicit nonce per record, a 16-byte
// tag, no MAC key; the *_SHA384 suites use the SHA-384 PRF); RFC 7905 §2 (ChaCha20-Poly1305: a
// 12-byte IV from the key block, no explicit nonce); RFC 8422 §6 (the ECDHE_RSA codes). The NULL
// suite is for teaching only, hence off by default. The *_SHA256/*_SHA384 and AEAD suites are TLS
// 1.2 only (RFC 5246 §1.2: they use the TLS 1.2 PRF and are not defined before it).
// The MAC column of an AEAD row is unused (MAClen 0): the tag authenticates.
// clang-format off
constexpr std::array<CipherSuiteInfo, 23> suite_table = {{
    // suite                                                   IANA name                                      OpenSSL name                   kx         auth      cipher     kind    key fixIV recIV blk tag  MAC     MAClen PRF     versions       default
    // Forward secrecy and AEAD: ECDHE, then DHE (RFC 5289, RFC 5288, RFC 7905).
    {CipherSuite::TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,       "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",       "ECDHE-RSA-AES128-GCM-SHA256", ecdhe_rsa, rsa_auth, aes128gcm, aead,   16, 4,    8,    0,  16,  sha256, 0,    sha256, tls12, tls12, true},
    {CipherSuite::TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,       "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",       "ECDHE-RSA-AES256-GCM-SHA384", ecdhe_rsa, rsa_auth, aes256gcm, aead,   32, 4,    8,    0,  16,  sha384, 0,    sha384, tls12, tls12, true},
    {CipherSuite::TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256, "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", "ECDHE-RSA-CHACHA20-POLY1305", ecdhe_rsa, rsa_auth, chacha,    aead,   32, 12,   0,    0,  16,  sha256, 0,    sha256, tls12, tls12, true},
    {CipherSuite::TLS_DHE_RSA_WITH_AES_128_GCM_SHA256,         "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256",         "DHE-RSA-AES128-GCM-SHA256",   dhe_rsa,   rsa_auth, aes128gcm, aead,   16, 4,    8,    0,  16,  sha256, 0,    sha256, tls12, tls12, true},
    {CipherSuite::TLS_DHE_RSA_WITH_AES_256_GCM_SHA384,         "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384",         "DHE-RSA-AES256-GCM-SHA384",   dhe_rsa,   rsa_auth, aes256gcm, aead,   32, 4,    8,    0,  16,  sha384, 0,    sha384, tls12, tls12, true},
    {CipherSuite::TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256,   "TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256",   "DHE-RSA-CHACHA20-POLY1305",   dhe_rsa,   rsa_auth, chacha,    aead,   32, 12,   0,    0,  16,  sha256, 0,    sha256, tls12, tls12, true},
    // Forward secrecy with CBC (MAC-then-encrypt, RFC 5246 §6.2.3.2): ECDHE (RFC 8422 §6, RFC 5289), then DHE.
    {CipherSuite::TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256,       "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256",       "ECDHE-RSA-AES128-SHA256",     ecdhe_rsa, rsa_auth, aes128cbc, block,  16, 16,   16,   16, 0,   sha256, 32,   sha256, tls12, tls12, true},
    {CipherSuite::TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA,          "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA",          "ECDHE-RSA-AES128-SHA",        ecdhe_rsa, rsa_auth, aes128cbc, block,  16, 16,   16,   16, 0,   sha1,   20,   sha256, tls10, tls12, true},
    {CipherSuite::TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA,          "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA",          "ECDHE-RSA-AES256-SHA",        ecdhe_rsa, rsa_auth, aes256cbc, block,  32, 16,   16,   16, 0,   sha1,   20,   sha256, tls10, tls12, true},
    {CipherSuite::TLS_DHE_RSA_WITH_AES_128_CBC_SHA256,         "TLS_DHE_RSA_WITH_AES_128_CBC_SHA256",         "DHE-RSA-AES128-SHA256",       dhe_rsa,   rsa_auth, aes128cbc, block,  16, 16,   16,   16, 0,   sha256, 32,   sha256, tls12, tls12, true},
    {CipherSuite::TLS_DHE_RSA_WITH_AES_256_CBC_SHA256,         "TLS_DHE_RSA_WITH_AES_256_CBC_SHA256",         "DHE-RSA-AES256-SHA256",       dhe_rsa,   rsa_auth, aes256cbc, block,  32, 16,   16,   16, 0,   sha256, 32,   sha256, tls12, tls12, true},
    {CipherSuite::TLS_DHE_RSA_WITH_AES_128_CBC_SHA,            "TLS_DHE_RSA_WITH_AES_128_CBC_SHA",            "DHE-RSA-AES128-SHA",          dhe_rsa,   rsa_auth, aes128cbc, block,  16, 16,   16,   16, 0,   sha1,   20,   sha256, tls10, tls12, true},
    {CipherSuite::TLS_DHE_RSA_WITH_AES_256_CBC_SHA,            "TLS_DHE_RSA_WITH_AES_256_CBC_SHA",            "DHE-RSA-AES256-SHA",          dhe_rsa,   rsa_auth, aes256cbc, block,  32, 16,   16,   16, 0,   sha1,   20,   sha256, tls10, tls12, true},
    // RSA key transport, last: no forward secrecy (RFC 5246 §7.4.7.1; RFC 5288 for the GCM ones).
    {CipherSuite::TLS_RSA_WITH_AES_128_GCM_SHA256,             "TLS_RSA_WITH_AES_128_GCM_SHA256",             "AES128-GCM-SHA256",           rsa,       rsa_auth, aes128gcm, aead,   16, 4,    8,    0,  16,  sha256, 0,    sha256, tls12, tls12, true},
    {CipherSuite::TLS_RSA_WITH_AES_256_GCM_SHA384,             "TLS_RSA_WITH_AES_256_GCM_SHA384",             "AES256-GCM-SHA384",           rsa,       rsa_auth, aes256gcm, aead,   32, 4,    8,    0,  16,  sha384, 0,    sha384, tls12, tls12, true},
    {CipherSuite::TLS_RSA_WITH_AES_128_CBC_SHA256,             "TLS_RSA_WITH_AES_128_CBC_SHA256",             "AES128-SHA256",               rsa,       rsa_auth, aes128cbc, block,  16, 16,   16,   16, 0,   sha256, 32,   sha256, tls12, tls12, true},
    {CipherSuite::TLS_RSA_WITH_AES_256_CBC_SHA256,             "TLS_RSA_WITH_AES_256_CBC_SHA256",             "AES256-SHA256",               rsa,       rsa_auth, aes256cbc, block,  32, 16,   16,   16, 0,   sha256, 32,   sha256, tls12, tls12, true},
    {CipherSuite::TLS_RSA_WITH_AES_128_CBC_SHA,                "TLS_RSA_WITH_AES_128_CBC_SHA",                "AES128-SHA",                  rsa,       rsa_auth, aes128cbc, block,  16, 16,   16,   16, 0,   sha1,   20,   sha256, tls10, tls12, true},
    {CipherSuite::TLS_RSA_WITH_AES_256_CBC_SHA,                "TLS_RSA_WITH_AES_256_CBC_SHA",                "AES256-SHA",                  rsa,       rsa_auth, aes256cbc, block,  32, 16,   16,   16, 0,   sha1,   20,   sha256, tls10, tls12, true},
    {CipherSuite::TLS_RSA_WITH_NULL_SHA256,                    "TLS_RSA_WITH_NULL_SHA256",                    "NULL-SHA256",                 rsa,       rsa_auth, null,      stream, 0,  0,    0,    0,  0,   sha256, 32,   sha256, tls12, tls12, false},
    // The anonymous Diffie-Hellman lab (RFC 5246 Appendix A.5): never by default, and only with lab_anonymous.
    {CipherSuite::TLS_DH_anon_WITH_AES_128_CBC_SHA256,         "TLS_DH_anon_WITH_AES_128_CBC_SHA256",         "ADH-AES128-SHA256",           dh_anon,   anon,     aes128cbc, block,  16, 16,   16,   16, 0,   sha256, 32,   sha256, tls12, tls12, false},
    {CipherSuite::TLS_DH_anon_WITH_AES_128_CBC_SHA,            "TLS_DH_anon_WITH_AES_128_CBC_SHA",            "ADH-AES128-SHA",              dh_anon,   anon,     aes128cbc, block,  16, 16,   16,   16, 0,   sha1,   20,   sha256, tls10, tls12, false},
    {CipherSuite::TLS_DH_anon_WITH_AES_256_CBC_SHA,            "TLS_DH_anon_WITH_AES_256_CBC_SHA",            "ADH-AES256-SHA",              dh_anon,   anon,     aes256cbc, block,  32, 16,   16,   16, 0,   sha1,   20,   sha256, tls10, tls12, false},
}};
// clang-format on

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

record::CipherSpec record_cipher_spec(const CipherSuiteInfo& suite) {
    record::CipherSpec spec;
    spec.kind = suite.cipher_kind;
    spec.bulk = suite.cipher;
    spec.mac = suite.mac_length == 0 ? record::MacAlgorithm::null : record::hmac_with(suite.mac);
    spec.enc_key_length = suite.enc_key_length;
    spec.fixed_iv_length = suite.fixed_iv_length;
    spec.record_iv_length = suite.record_iv_length;
    spec.block_length = suite.block_length;
    spec.mac_length = suite.mac_length;
    spec.tag_length = suite.tag_length;
    return spec;
}

// RFC 5246 §5 and RFC 2246 §5.
PrfAlgorithm prf_algorithm(const CipherSuiteInfo& suite, std::uint16_t version) {
    if (version < tls12) return PrfAlgorithm::tls10_md5_sha1;
    switch (suite.prf) {
        case HashAlgorithm::sha256: return PrfAlgorithm::tls12_sha256;
        case HashAlgorithm::sha384: return PrfAlgorithm::tls12_sha384;
        default: break;
    }
    throw Error("cipher suite " + std::string(suite.iana_name) + " names a PRF hash TLS 1.2 does not define");
}

bool signs_server_key_exchange(const CipherSuiteInfo& suite) {
    return suite.key_exchange == KeyExchange::dhe_rsa || suite.key_exchange == KeyExchange::ecdhe_rsa;
}

bool is_anonymous(const CipherSuiteInfo& suite) { return suite.authentication == Authentication::anonymous; }

bool uses_ffdhe(const CipherSuiteInfo& suite) {
    return suite.key_exchange == KeyExchange::dhe_rsa || suite.key_exchange == KeyExchange::dh_anon;
}

bool suite_allows_version(const CipherSuiteInfo& suite, std::uint16_t version) {
    return suite.min_version <= version && version <= suite.max_version;
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
