// What a TLS 1.2 session is after its handshake, and the server's cache of them for resumption by
// session ID (RFC 5246 §7.3, §7.4.1.2, §7.4.1.3).
//
// A full handshake creates a session: an ID chosen by the server, a version, a cipher suite and a
// 48-byte master secret. If both sides keep it, a later connection can resume it with the
// abbreviated handshake of §7.3, Figure 2: the client offers the ID in its ClientHello, the server
// echoes it, and both derive new keys from the SAME master secret and the NEW randoms, with no
// key exchange and no certificates:
//
//      ClientHello (session_id = ID)  -------->
//                                                 ServerHello (session_id = ID)
//                                                 [ChangeCipherSpec]
//                                     <--------   Finished
//      [ChangeCipherSpec]
//      Finished                       -------->
//
// The rules this file carries:
//   - "Thus, any connection terminated with a fatal alert MUST NOT be resumed." (§7.2.2): the
//     engine calls remove() on failure; a session is stored only after both Finished verified.
//   - "An upper limit of 24 hours is suggested for session ID lifetimes" (Appendix F.1.4): entries
//     expire after `lifetime_seconds` (default 2 hours) and are never returned after that.
//   - The cache is bounded: when it is full, the oldest entry is evicted first. Since every
//     entry lives equally long, the oldest is also the one that would expire first.
//
// The clock is the engines' injected Clock (seconds since 1970), passed to each call: the cache
// never reads the system time itself. One cache may be shared by every connection of a server
// (ServerConfig::session_cache); calls are serialised by a mutex.
#pragma once

#include <cstddef>
#include <cstdint>
#include <list>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "crypto/bytes.h"
#include "crypto/secret.h"

namespace lucid::handshake {

// RFC 5246 §7.4.1.2 / Appendix A.4: what resuming a session needs ("session state").
struct SessionState {
    Bytes session_id;                      // 1..32 bytes, chosen by the server
    std::uint16_t version = 0x0303;
    std::uint16_t cipher_suite = 0;        // the wire code (handshake/cipher_suites.h)
    SecretBytes master_secret;             // 48 bytes
    bool extended_master_secret = false;   // RFC 7627 §5.3: a resumption must agree on it
    bool encrypt_then_mac = false;         // RFC 7366 §3.1: the session keeps its record mechanism
    std::string server_name;               // SNI of the full handshake (RFC 6066 §3)
    std::vector<Bytes> peer_certificates;  // the peer's chain as received (DER), may be empty
    bool peer_verified = false;            // client: the chain and name were checked back then
    std::int64_t created = 0;              // Unix seconds, from the injected clock
    // Client only: the server's ticket for this session (RFC 5077 §3.3), opaque; empty = none.
    // RFC 5077 §3.4: with a ticket, session_id may be empty (the client offers a fresh one).
    Bytes ticket;
    std::uint32_t ticket_lifetime_hint = 0;  // seconds, as the server said (0 = no hint)

    SessionState clone() const;  // an explicit copy (the master secret is move-only)
};

class SessionCache {
public:
    struct Limits {
        std::size_t capacity = 1024;              // entries; at least 1
        std::int64_t lifetime_seconds = 2 * 3600;  // at least 1; RFC 5246 F.1.4 suggests <= 24 h
    };

    SessionCache() : SessionCache(Limits{}) {}
    // Throws lucid::Error if a limit is zero or negative.
    explicit SessionCache(Limits limits);

    // Stores a copy of a session (its `created` time counts), replacing one with the same ID.
    // Expired entries go first, then the oldest ones until there is room.
    void store(const SessionState& session, std::int64_t now);
    // The session with this ID if it is there and not expired (an expired one is removed).
    std::optional<SessionState> find(ByteView session_id, std::int64_t now);
    // Forgets a session (after a fatal alert). Nothing happens if it is not there.
    void remove(ByteView session_id);

    std::size_t size() const;
    const Limits& limits() const { return limits_; }

private:
    bool expired(const SessionState& s, std::int64_t now) const;
    void evict_expired(std::int64_t now);  // caller holds mutex_

    Limits limits_;
    mutable std::mutex mutex_;
    std::list<SessionState> by_age_;  // oldest first
    std::map<Bytes, std::list<SessionState>::iterator> by_id_;
};

}  // namespace lucid::handshake
