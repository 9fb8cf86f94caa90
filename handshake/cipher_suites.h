// The cipher suites lucidtls speaks, as ONE table (RFC 5246 Appendix A.5 and C).
//
// Three key exchanges: RSA key transport (RFC 5246 §7.4.7.1: the client encrypts a 48-byte premaster
// secret to the server's certificate key), DHE_RSA (§7.4.3, §8.1.2: an ephemeral Diffie-Hellman
// exchange signed with the server's certificate key, which gives forward secrecy; handshake/dhe.h)
// and ECDHE_RSA (RFC 8422 §2.2: the same idea on the curve X25519, key_exchange_ecdhe.cpp).
// The suites differ further in the record protection (RFC 5246 §6.2.3.2 CBC block cipher, §6.2.3.3
// AEAD with AES-GCM (RFC 5288) or ChaCha20-Poly1305 (RFC 7905), or the NULL cipher) and in the MAC
// hash. TLS 1.2 uses the SHA-256 PRF for all of them (RFC 5246 §5: "all cipher suites defined in
// this document ... use P_SHA256") except the *_SHA384 ones, whose PRF is SHA-384 (RFC 5288 §3,
// RFC 5289 §3.2).
//
// Adding a suite is one row in cipher_suites.cpp (plus its algorithm if it is new: a record-layer
// cipher state for a new kind, a key exchange in handshake/key_exchange.cpp); docs/handshake.md
// says how.
//
//   IANA name                                       OpenSSL name                   code    record protection
//   TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256           ECDHE-RSA-AES128-GCM-SHA256    0xC02F  AES-128-GCM
//   TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384           ECDHE-RSA-AES256-GCM-SHA384    0xC030  AES-256-GCM (SHA-384 PRF)
//   TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256     ECDHE-RSA-CHACHA20-POLY1305    0xCCA8  ChaCha20-Poly1305
//   TLS_DHE_RSA_WITH_AES_128_GCM_SHA256             DHE-RSA-AES128-GCM-SHA256      0x009E  AES-128-GCM
//   TLS_DHE_RSA_WITH_AES_256_GCM_SHA384             DHE-RSA-AES256-GCM-SHA384      0x009F  AES-256-GCM (SHA-384 PRF)
//   TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256       DHE-RSA-CHACHA20-POLY1305      0xCCAA  ChaCha20-Poly1305
//   TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256           ECDHE-RSA-AES128-SHA256        0xC027  AES-128-CBC, HMAC-SHA256
//   TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA              ECDHE-RSA-AES128-SHA           0xC013  AES-128-CBC, HMAC-SHA1
//   TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA              ECDHE-RSA-AES256-SHA           0xC014  AES-256-CBC, HMAC-SHA1
//   TLS_DHE_RSA_WITH_AES_128_CBC_SHA256             DHE-RSA-AES128-SHA256          0x0067  AES-128-CBC, HMAC-SHA256
//   TLS_DHE_RSA_WITH_AES_256_CBC_SHA256             DHE-RSA-AES256-SHA256          0x006B  AES-256-CBC, HMAC-SHA256
//   TLS_DHE_RSA_WITH_AES_128_CBC_SHA                DHE-RSA-AES128-SHA             0x0033  AES-128-CBC, HMAC-SHA1
//   TLS_DHE_RSA_WITH_AES_256_CBC_SHA                DHE-RSA-AES256-SHA             0x0039  AES-256-CBC, HMAC-SHA1
//   TLS_RSA_WITH_AES_128_GCM_SHA256                 AES128-GCM-SHA256              0x009C  AES-128-GCM
//   TLS_RSA_WITH_AES_256_GCM_SHA384                 AES256-GCM-SHA384              0x009D  AES-256-GCM (SHA-384 PRF)
//   TLS_RSA_WITH_AES_128_CBC_SHA256                 AES128-SHA256                  0x003C  AES-128-CBC, HMAC-SHA256
//   TLS_RSA_WITH_AES_256_CBC_SHA256                 AES256-SHA256                  0x003D  AES-256-CBC, HMAC-SHA256
//   TLS_RSA_WITH_AES_128_CBC_SHA                    AES128-SHA                     0x002F  AES-128-CBC, HMAC-SHA1
//   TLS_RSA_WITH_AES_256_CBC_SHA                    AES256-SHA                     0x0035  AES-256-CBC, HMAC-SHA1
//   TLS_RSA_WITH_NULL_SHA256                        NULL-SHA256                    0x003B  none, HMAC-SHA256 (not default)
//   TLS_DH_anon_WITH_AES_128_CBC_SHA256             ADH-AES128-SHA256              0x006C  AES-128-CBC, HMAC-SHA256 (lab only)
//   TLS_DH_anon_WITH_AES_128_CBC_SHA                ADH-AES128-SHA                 0x0034  AES-128-CBC, HMAC-SHA1 (lab only)
//   TLS_DH_anon_WITH_AES_256_CBC_SHA                ADH-AES256-SHA                 0x003A  AES-256-CBC, HMAC-SHA1 (lab only)
//
// The default order (the table's order) is the usual modern one: forward secrecy first (ECDHE, then
// DHE), AEAD before CBC, RSA key transport last. An ECDHE suite is only chosen when the client
// offers x25519 in supported_groups (RFC 8422 §5.1.1). The walkthrough's RSA handshake (the demo,
// docs/connections/, vectors/tls/) names its suite explicitly (--cipher AES128-SHA256).
//
// TLS_RSA_WITH_NULL_SHA256 authenticates but does not encrypt: it is here for teaching (records
// are readable on the wire) and is only offered or accepted when named explicitly.
//
// The TLS_DH_anon suites authenticate nobody: no certificate, an unsigned ServerKeyExchange. An
// attacker in the middle runs one Diffie-Hellman exchange with each side and reads everything.
// They exist to show what the certificate and the signature are for, and are offered or accepted
// only when named explicitly AND the engine's lab_anonymous is set (`--lab-anonymous`).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "crypto/hash.h"
#include "handshake/prf.h"
#include "record/cipher_state.h"

namespace lucid::handshake {

// The wire value (RFC 5246 §7.4.1.2 CipherSuite, uint8[2]). Unknown values survive as numbers.
enum class CipherSuite : std::uint16_t {
    TLS_RSA_WITH_AES_128_CBC_SHA = 0x002F,
    TLS_RSA_WITH_AES_256_CBC_SHA = 0x0035,
    TLS_RSA_WITH_NULL_SHA256 = 0x003B,
    TLS_RSA_WITH_AES_128_CBC_SHA256 = 0x003C,
    TLS_RSA_WITH_AES_256_CBC_SHA256 = 0x003D,
    TLS_DHE_RSA_WITH_AES_128_CBC_SHA = 0x0033,
    TLS_DHE_RSA_WITH_AES_256_CBC_SHA = 0x0039,
    TLS_DH_anon_WITH_AES_128_CBC_SHA = 0x0034,
    TLS_DH_anon_WITH_AES_256_CBC_SHA = 0x003A,
    TLS_DHE_RSA_WITH_AES_128_CBC_SHA256 = 0x0067,
    TLS_DH_anon_WITH_AES_128_CBC_SHA256 = 0x006C,
    TLS_DHE_RSA_WITH_AES_256_CBC_SHA256 = 0x006B,
    TLS_RSA_WITH_AES_128_GCM_SHA256 = 0x009C,
    TLS_RSA_WITH_AES_256_GCM_SHA384 = 0x009D,
    TLS_DHE_RSA_WITH_AES_128_GCM_SHA256 = 0x009E,
    TLS_DHE_RSA_WITH_AES_256_GCM_SHA384 = 0x009F,
    TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA = 0xC013,
    TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA = 0xC014,
    TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256 = 0xC027,
    TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 = 0xC02F,
    TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384 = 0xC030,
    TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256 = 0xCCA8,
    TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256 = 0xCCAA,
};

// RFC 5746 §3.3: a signalling value, not a suite; counts as an empty renegotiation_info.
inline constexpr std::uint16_t TLS_EMPTY_RENEGOTIATION_INFO_SCSV = 0x00FF;

// RFC 5246 §7.4.3 / §7.4.7: how the premaster secret is agreed (handshake/key_exchange.h).
// dh_anon is a lab (docs/handshake.md): unsigned Diffie-Hellman, only with lab_anonymous.
enum class KeyExchange { rsa, dhe_rsa, ecdhe_rsa, dh_anon };
// RFC 5246 §7.4.2: what the server's certificate key does: an RSA key, which decrypts the
// premaster (RSA) or signs the ServerKeyExchange (DHE_RSA, ECDHE_RSA); or there is no certificate
// at all (DH_anon: "completely anonymous", RFC 5246 Appendix F.1.1.1).
enum class Authentication { rsa, anonymous };
// The bulk cipher's name is the record layer's (record/cipher_state.h); its sizes are columns here.
using BulkCipher = record::BulkCipher;

// One row: every fact about a suite, read by the engine (key exchange, PRF, versions) and, through
// record_cipher_spec(), by the record layer (cipher kind and sizes, MAC). RFC 5246 §6.1
// SecurityParameters and Appendix C.
struct CipherSuiteInfo {
    CipherSuite suite;
    std::string_view iana_name;     // "TLS_RSA_WITH_AES_128_CBC_SHA"
    std::string_view openssl_name;  // "AES128-SHA"
    KeyExchange key_exchange;
    Authentication authentication;
    BulkCipher cipher;
    record::CipherKind cipher_kind;  // stream (NULL), block (CBC) or aead
    std::size_t enc_key_length;     // bytes; 0 for NULL
    std::size_t fixed_iv_length;    // bytes of IV per direction in the key block (§6.3)
    std::size_t record_iv_length;   // bytes of explicit IV (CBC, TLS 1.1+) or explicit nonce (AEAD) per record
    std::size_t block_length;       // bytes; 0 for NULL and AEAD
    std::size_t tag_length;         // AEAD tag bytes; 0 otherwise
    crypto::HashAlgorithm mac;      // HMAC hash (RFC 5246 §6.2.3.1); unused when mac_length is 0 (AEAD)
    std::size_t mac_length;         // bytes = mac_key_length; 0 for AEAD suites
    crypto::HashAlgorithm prf;      // PRF hash in TLS 1.2 (RFC 5246 §5); see prf_algorithm()
    std::uint16_t min_version;      // the versions the suite may be used in (0x0301 TLS 1.0 ...
    std::uint16_t max_version;      //   0x0303 TLS 1.2), RFC 5246 Appendix A.5 / RFC 4346 §1.2
    bool enabled_by_default;
};

// The table, in lucidtls's default preference order (strongest first).
std::span<const CipherSuiteInfo> all_cipher_suites();

// The row for a code, or nullptr if lucidtls does not implement it.
const CipherSuiteInfo* find_cipher_suite(std::uint16_t code);
const CipherSuiteInfo& cipher_suite_info(CipherSuite suite);  // throws lucid::Error if unknown

// "TLS_RSA_WITH_AES_128_CBC_SHA (0x002f)" or "unknown (0x1301)" for the trace.
std::string cipher_suite_label(std::uint16_t code);

// The record layer's view of a row: its kind, MAC and sizes, copied column by column.
record::CipherSpec record_cipher_spec(const CipherSuiteInfo& suite);

// RFC 5246 §5 (TLS 1.2: the suite's PRF hash) and RFC 2246 §5 (TLS 1.0/1.1: MD5 + SHA-1): the one
// place where the PRF depends on the version.
PrfAlgorithm prf_algorithm(const CipherSuiteInfo& suite, std::uint16_t version);

// Whether the suite's key exchange signs a ServerKeyExchange (DHE_RSA, ECDHE_RSA): the server needs
// a signature algorithm in common with the client to choose it.
bool signs_server_key_exchange(const CipherSuiteInfo& suite);

// RFC 5246 §7.4.2: whether the suite has no server certificate (DH_anon).
bool is_anonymous(const CipherSuiteInfo& suite);

// RFC 7919 §1: whether the suite's key exchange is finite-field Diffie-Hellman (DHE_RSA, DH_anon),
// whose group supported_groups negotiates.
bool uses_ffdhe(const CipherSuiteInfo& suite);

// Whether the row allows `version` (min_version <= version <= max_version).
bool suite_allows_version(const CipherSuiteInfo& suite, std::uint16_t version);

// The suites offered/accepted when the user names none: every row with enabled_by_default.
std::vector<CipherSuite> default_cipher_suites();

// Parses a --cipher list: IANA or OpenSSL names (any case), separated by ':' or ',', in the
// user's preference order; duplicates are dropped. Throws lucid::Error naming the first unknown
// name ("unknown cipher suite 'RC4-MD5'"), or if the list is empty.
std::vector<CipherSuite> parse_cipher_list(std::string_view list);

}  // namespace lucid::handshake
