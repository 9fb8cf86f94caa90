#include "tools/offered_names.h"

#include <cstdlib>

namespace lucid::tools {

namespace {

struct Name {
    std::uint16_t code;
    const char* name;
};

constexpr const char* not_used = "offered, not used by this TLS 1.2 server";

// IANA TLS Cipher Suites registry: the ones browsers offer that lucidtls does not implement (the
// ones it does are named by its own suite table).
constexpr Name suites[] = {
    {0x1301, "TLS_AES_128_GCM_SHA256 (TLS 1.3, RFC 8446)"},
    {0x1302, "TLS_AES_256_GCM_SHA384 (TLS 1.3, RFC 8446)"},
    {0x1303, "TLS_CHACHA20_POLY1305_SHA256 (TLS 1.3, RFC 8446)"},
    {0xc02b, "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256 (RFC 5289)"},
    {0xc02c, "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384 (RFC 5289)"},
    {0xcca9, "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256 (RFC 7905)"},
    {0xc009, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA (RFC 8422)"},
    {0xc00a, "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA (RFC 8422)"},
};

// IANA TLS ExtensionType Values registry.
constexpr Name extensions[] = {
    {0x001b, "compress_certificate (RFC 8879)"},
    {0x001c, "record_size_limit (RFC 8449)"},
    {0x0029, "pre_shared_key (TLS 1.3, RFC 8446)"},
    {0x002a, "early_data (TLS 1.3, RFC 8446)"},
    {0x002b, "supported_versions (TLS 1.3, RFC 8446): the versions the client really supports"},
    {0x002d, "psk_key_exchange_modes (TLS 1.3, RFC 8446)"},
    {0x0033, "key_share (TLS 1.3, RFC 8446): the client's ECDHE public keys, sent in advance"},
    {0x44cd, "application_settings (ALPS, a Chromium draft)"},
    {0x4469, "application_settings (ALPS, old code point)"},
    {0xfe0d, "encrypted_client_hello (ECH, draft-ietf-tls-esni)"},
};

bool grease(std::uint16_t code) { return (code & 0x0f0f) == 0x0a0a && (code >> 8) == (code & 0xff); }

}  // namespace

std::optional<std::uint16_t> unknown_code(std::string_view reading) {
    if (reading.rfind("unknown", 0) != 0) return std::nullopt;
    const std::size_t hex = reading.find("0x");
    if (hex == std::string_view::npos || reading.size() < hex + 6) return std::nullopt;
    const std::string digits(reading.substr(hex + 2, 4));
    char* end = nullptr;
    const unsigned long v = std::strtoul(digits.c_str(), &end, 16);
    if (end != digits.c_str() + 4) return std::nullopt;
    return static_cast<std::uint16_t>(v);
}

std::optional<std::string> explain_offered(std::string_view field, std::uint16_t code) {
    if (grease(code)) {
        return "GREASE (RFC 8701): a reserved value offered at random, so that servers keep ignoring what they "
               "do not know; " + std::string(not_used);
    }
    const bool suite = field == "CipherSuite" || field == "cipher_suite";
    if (suite) {
        for (const Name& n : suites) {
            if (n.code == code) return std::string(n.name) + ": " + not_used;
        }
        return std::nullopt;
    }
    for (const Name& n : extensions) {
        if (n.code == code) return std::string(n.name) + ": " + not_used;
    }
    return std::nullopt;
}

}  // namespace lucid::tools
