// Which protocol version a connection uses: TLS 1.0 (RFC 2246), 1.1 (RFC 4346) or 1.2 (RFC 5246),
// and the defences around that choice.
//
// RFC 5246 Appendix E.1: "the client sends ... the latest (highest valued) version supported by the
// client" in ClientHello.client_version; the server answers with "the lower of that suggested by
// the client in the client hello and the highest supported by the server". A client whose highest
// version is below what the server accepts gets protocol_version. RFC 8996 deprecates TLS 1.0 and
// 1.1: lucidtls uses TLS 1.2 only unless a flag asks for less (tools/tls_options.cpp).
//
// Defences against an attacker who makes the first attempt fail so that the client retries lower:
//   RFC 7507 TLS_FALLBACK_SCSV: the retrying client says so, and a server that could have done
//   better answers inappropriate_fallback;
//   RFC 8446 §4.1.3: a server able to do TLS 1.2 that negotiates less writes "DOWNGRD\x00" in the
//   last 8 bytes of ServerHello.random, and a client able to do TLS 1.2 refuses it.
//
// Nothing here prints: the functions return the sentence the trace shows.
#pragma once

#include <array>
#include <cstdint>
#include <string>

#include "crypto/bytes.h"
#include "handshake/messages/client_hello.h"

namespace lucid::handshake {

inline constexpr std::uint16_t ssl30_version = 0x0300;
inline constexpr std::uint16_t tls10_version = 0x0301;
inline constexpr std::uint16_t tls11_version = 0x0302;
inline constexpr std::uint16_t tls12_version = 0x0303;

// RFC 7507 §6: the signalling cipher suite value of a fallback retry.
inline constexpr std::uint16_t TLS_FALLBACK_SCSV = 0x5600;

// The versions one side allows, both ends included.
struct VersionRange {
    std::uint16_t min = tls12_version;
    std::uint16_t max = tls12_version;
    bool allows(std::uint16_t v) const { return min <= v && v <= max; }
};

// "TLS 1.1"; "SSL 3.0"; "0x0304" for anything else.
std::string version_label(std::uint16_t version);
// "TLS 1.0–1.2" or "TLS 1.2".
std::string range_label(VersionRange range);
// The OpenSSL spelling of a version, as --min-protocol takes it: "TLSv1", "TLSv1.1", "TLSv1.2".
std::string version_flag_name(std::uint16_t version);

// The server's decision, with the sentence the trace shows.
struct VersionChoice {
    std::uint16_t version = tls12_version;
    std::string reason;  // "client offers up to TLS 1.1; server allows TLS 1.0–1.2; chosen TLS 1.1, ..."
};

// RFC 5246 Appendix E.1 (and RFC 7568 for SSL 3.0): the version the server answers a ClientHello
// with. Throws record::TlsError(protocol_version) with a sentence naming both ranges.
VersionChoice choose_server_version(std::uint16_t client_version, VersionRange server);

// RFC 5246 §7.4.1.3 / Appendix E.1, client side: ServerHello.server_version must be one the client
// allows. Throws record::TlsError(protocol_version) naming the flag that would allow it.
void check_server_version(std::uint16_t server_version, VersionRange client);

// RFC 7507 §3: "If TLS_FALLBACK_SCSV appears in ClientHello.cipher_suites and the highest protocol
// version supported by the server is higher than the version indicated in
// ClientHello.client_version, the server MUST respond with a fatal inappropriate_fallback alert".
// Throws record::TlsError(inappropriate_fallback).
void check_fallback_scsv(const ClientHello& ch, VersionRange server);

// RFC 8446 §4.1.3: the 8 bytes a TLS 1.2-capable server puts at the end of ServerHello.random when
// it negotiates TLS 1.1 or below ("DOWNGRD" followed by 0x00).
inline constexpr std::array<std::uint8_t, 8> downgrade_sentinel_tls11 = {0x44, 0x4F, 0x57, 0x4E, 0x47, 0x52, 0x44, 0x00};

// RFC 8446 §4.1.3, server side: writes the sentinel into random when the server allows TLS 1.2
// and chose less. Returns whether it did.
bool set_downgrade_sentinel(Random& random, std::uint16_t chosen, VersionRange server);
// RFC 8446 §4.1.3, client side: "TLS 1.2 clients SHOULD also check that the last 8 bytes are not
// equal to the [TLS 1.1] value if the ServerHello indicates TLS 1.1 or below". Throws
// record::TlsError(illegal_parameter) for a client that allows TLS 1.2 and sees the sentinel.
void check_downgrade_sentinel(const Random& server_random, std::uint16_t chosen, VersionRange client);

}  // namespace lucid::handshake
