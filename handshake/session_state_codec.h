// The session state a server puts inside a ticket (RFC 5077 §4, StatePlaintext), as bytes. The
// encryption around it is server_ticket.h; this file only says what the plaintext is.
//
//   struct {
//       uint8 format;                           1 (the layout below)
//       ProtocolVersion protocol_version;       RFC 5077 §4 recommended fields ...
//       CipherSuite cipher_suite;
//       CompressionMethod compression_method;   always null(0) in lucidtls
//       opaque master_secret[48];
//       ASN.1Cert client_certificates<0..2^24-1>;   the client's chain (ClientIdentity), may be empty
//       uint8 client_verified;                  1 if that chain was validated
//       uint64 timestamp;                       when the full handshake ran (Unix seconds)
//       uint8 extended_master_secret;           ... and what lucidtls's resumption rules also need:
//       uint8 encrypt_then_mac;                 RFC 7627 §5.3, RFC 7366 §3.1,
//       opaque server_name<0..2^16-1>;          RFC 6066 §3
//   } StatePlaintext;
//
// The session ID is not in it: a ticket is what identifies the session (RFC 5077 §3.4).
#pragma once

#include <optional>

#include "crypto/bytes.h"
#include "crypto/secret.h"
#include "handshake/session_cache.h"

namespace lucid::handshake {

inline constexpr std::uint8_t session_state_format = 1;

// SecretBytes: it holds the master secret.
SecretBytes encode_session_state(const SessionState& session);
// Nothing for bytes that are not a StatePlaintext of format 1 (never throws: the input came out
// of a ticket, and a bad ticket means a full handshake, RFC 5077 §3.4).
std::optional<SessionState> decode_session_state(ByteView plaintext);

}  // namespace lucid::handshake
