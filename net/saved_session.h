// A client's saved session, as a small text file: what `lucid client --sess-out F` writes and
// `--sess-in F` reads to resume the session later (RFC 5246 §7.3, Figure 2; see session_cache.h).
//
// SECRET: the file holds the master secret. Whoever reads it can decrypt every recorded connection
// of the session and resume it as the client. The tools write it with mode 0600; delete it after
// the lesson. (OpenSSL's -sess_out files hold the same secret, in DER.)
//
// The format: "# " comment lines, blank lines, and one "Key = value" line per field, in any order;
// every key once except PeerCertificate. Hex is lower or upper case.
//
//   # lucidtls saved session ...
//   Format = lucidtls-session-1
//   ServerName = localhost                (the SNI of the full handshake; may be empty)
//   Version = 0303                        (hex, ProtocolVersion; only TLS 1.2)
//   CipherSuite = 0033                    (hex, the wire code; a comment after it is ignored)
//   SessionId = 5f1c...                   (hex, 1..32 bytes; may be left out when Ticket is there)
//   Ticket = 8e0f...                      (hex, the server's session ticket, RFC 5077; optional)
//   TicketLifetimeHint = 7200             (seconds, from NewSessionTicket; optional, with Ticket)
//   ExtendedMasterSecret = yes            (yes / no, RFC 7627)
//   EncryptThenMac = yes                  (yes / no, RFC 7366 §3.1; absent in older files: no)
//   Created = 1704067200                  (Unix seconds)
//   PeerVerified = yes                    (the server's chain and name were checked)
//   PeerCertificate = 3082...             (hex DER, one line per certificate, leaf first; optional)
//   MasterSecret = 9a0b...                (hex, 48 bytes)
//
// Ticket and TicketLifetimeHint came with session tickets; files written before them (no Ticket
// line) read as they always did, so the format name stays lucidtls-session-1. A session with a
// ticket has no SessionId line: RFC 5077 §3.4, the client discards the ServerHello's ID then.
#pragma once

#include <string_view>

#include "crypto/bytes.h"
#include "crypto/secret.h"
#include "handshake/session_cache.h"

namespace lucid::net {

inline constexpr std::string_view saved_session_format = "lucidtls-session-1";

// The file's text. It contains the master secret, hence SecretBytes.
SecretBytes format_saved_session(const handshake::SessionState& session);
// Throws lucid::Error naming the line and the problem: an unknown or repeated key, bad hex, a
// missing field (SessionId and Ticket may not both be missing), a master secret that is not 48
// bytes, a session ID longer than 32 bytes.
handshake::SessionState parse_saved_session(ByteView text);

}  // namespace lucid::net
