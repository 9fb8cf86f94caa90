// The session-ticket key file of `lucid server --ticket-key-file F` (RFC 5077 §4; the keys are
// explained in handshake/server_ticket.h). With the same file, every restart of a server, and
// every server of a group, reads and writes the same tickets.
//
// SECRET: whoever reads this file can decrypt every ticket, hence every session's master secret,
// hence every recorded connection resumed or made with those sessions. Mode 0600.
//
// The format, like the saved session's (net/saved_session.h): "# " comments, blank lines and
//
//   Format = lucidtls-ticket-keys-1
//   Key = <key_name: 32 hex> <AES-128 key: 32 hex> <HMAC-SHA-256 key: 64 hex>
//   Key = ...                        (more lines: older keys, accepted for decryption only)
//
// The first Key issues the tickets. To rotate: put a new Key line first, keep the old one below
// it for a ticket lifetime (2 hours by default), restart the servers, then delete the old line.
//
// A missing file is created with one fresh key (random from the OS, mode 0600, never overwriting:
// a server that loses a race to create it reads the winner's). So the first start makes the key
// and every later start, and every worker thread (they share one key ring in memory), uses it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "crypto/bytes.h"
#include "crypto/random.h"
#include "crypto/secret.h"
#include "handshake/server_ticket.h"

namespace lucid::net {

inline constexpr std::string_view ticket_key_file_format = "lucidtls-ticket-keys-1";

SecretBytes format_ticket_keys(const std::vector<handshake::TicketKey>& keys);
// Throws lucid::Error naming the line: unknown key, bad hex, wrong lengths, no Key line.
std::vector<handshake::TicketKey> parse_ticket_keys(ByteView text);

// Reads the file, or creates it with one key from `random` if it does not exist.
// `created` is set when this call made the file. Throws lucid::Error (with the path) otherwise.
std::vector<handshake::TicketKey> load_or_create_ticket_keys(const std::string& path, crypto::RandomSource& random,
                                                             bool& created);

}  // namespace lucid::net
