// The server's session tickets, RFC 5077 §4: the session state (session_state_codec.h), encrypted
// and authenticated with keys only the server holds, handed to the client in NewSessionTicket and
// read back from the client's SessionTicket extension. The server keeps no state per session.
//
// The ticket format is the one RFC 5077 §4 recommends:
//
//   struct {
//       opaque key_name[16];                    which key protected it (public, random)
//       opaque iv[16];                          fresh for every ticket
//       opaque encrypted_state<0..2^16-1>;      AES-128-CBC(StatePlaintext || PKCS#7 padding)
//       opaque mac[32];                         HMAC-SHA-256(key_name || iv || len || encrypted_state)
//   } ticket;
//
// Encrypt-then-MAC: open() checks the MAC (constant time) before it decrypts anything, so the
// padding it then removes is the server's own; a forged ticket never reaches the padding check,
// and there is no padding oracle (the problem Lucky Thirteen attacks in the record layer).
//
// Keys and rotation. A TicketKeyRing holds the key that issues tickets (the newest) and older ones
// that are still accepted:
//   - rotating (the default, keys made in memory): a new key every `rotate_seconds` (default 12 h);
//     a key is dropped once no ticket it made can still be valid (rotate_seconds + lifetime after
//     it was made). So a ticket stays good for its whole lifetime across one rotation.
//   - fixed (`lucid server --ticket-key-file F`, net/ticket_key_file.h): the keys come from the
//     operator; the first issues, the others only decrypt; no rotation (the operator rotates by
//     putting a new key first and restarting). This lets tickets survive restarts.
// A ticket made by a key that is not the issuing one any more is accepted and renewed (a new
// ticket in the abbreviated handshake, RFC 5077 §3.1, Figure 2 with NewSessionTicket).
//
// Lifetime: a ticket is accepted while its session is younger than `lifetime_seconds` (default 2 h,
// like the session cache), counted from the full handshake, so renewals do not extend a session.
//
// One ring is shared by every connection and every worker thread of a server: calls are
// serialised by a mutex. Time comes from the engines' injected clock; randomness from the caller.
#pragma once

#include <array>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "crypto/bytes.h"
#include "crypto/random.h"
#include "crypto/secret.h"
#include "handshake/session_cache.h"

namespace lucid::handshake {

inline constexpr std::size_t ticket_key_name_length = 16;
inline constexpr std::size_t ticket_aes_key_length = 16;   // AES-128
inline constexpr std::size_t ticket_hmac_key_length = 32;  // HMAC-SHA-256

struct TicketKey {
    std::array<std::uint8_t, ticket_key_name_length> name{};
    SecretBytes aes_key;   // 16 bytes
    SecretBytes hmac_key;  // 32 bytes
    std::int64_t created = 0;

    static TicketKey generate(crypto::RandomSource& random, std::int64_t now);
    TicketKey clone() const;
};

// What open() found: the session, or why the ticket gives a full handshake instead.
struct OpenedTicket {
    std::optional<SessionState> session;
    std::string why_not;  // "unknown key name ...", "MAC does not verify", "expired ..."
    bool renew = false;   // accepted, but made with a key that no longer issues
};

class TicketKeyRing {
public:
    struct Limits {
        std::int64_t lifetime_seconds = 2 * 3600;
        std::int64_t rotate_seconds = 12 * 3600;
    };

    // Rotating keys, made on first use. Throws lucid::Error for a limit <= 0.
    explicit TicketKeyRing(Limits limits);
    TicketKeyRing() : TicketKeyRing(Limits{}) {}
    // Fixed keys (at least one; the first issues). Throws lucid::Error if empty or a limit <= 0.
    TicketKeyRing(std::vector<TicketKey> keys, Limits limits);

    // RFC 5077 §4: the ticket for `session` (its master secret, suite, ...), with the issuing key.
    // Empty if the state does not fit in a ticket (over 2^16 bytes, a very long client chain).
    Bytes seal(const SessionState& session, std::int64_t now, crypto::RandomSource& random);
    // RFC 5077 §4: the session inside `ticket`, if it is authentic, well formed and not expired.
    OpenedTicket open(ByteView ticket, std::int64_t now);
    // The ticket_lifetime_hint for a session created at `created` (RFC 5077 §3.3): what is left.
    std::uint32_t lifetime_hint(std::int64_t created, std::int64_t now) const;

    const Limits& limits() const { return limits_; }
    std::size_t key_count() const;

private:
    const TicketKey& issuing_key(std::int64_t now, crypto::RandomSource& random);  // caller holds mutex_
    void drop_old_keys(std::int64_t now);                                          // caller holds mutex_

    Limits limits_;
    bool rotating_;
    mutable std::mutex mutex_;
    std::vector<TicketKey> keys_;  // newest (issuing) first
};

}  // namespace lucid::handshake
