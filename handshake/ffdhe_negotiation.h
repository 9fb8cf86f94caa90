// Negotiated finite-field Diffie-Hellman groups, RFC 7919: the client lists the FFDHE groups it
// accepts in supported_groups (§3), and the server picks one of them for a DHE suite (§4) or
// stays off DHE. Without this, a TLS 1.2 client had to take whatever (p, g) a server sent, and
// could only judge it by its size (Logjam).
//
//   ClientHello.supported_groups     the server (§4)
//   no FFDHE group (or no extension)  an old client: the server's configured group (--dhparam,
//                                     default ffdhe2048), as before RFC 7919
//   FFDHE groups, one acceptable      "MUST select one of the client's offered groups": the first
//                                     in the client's order that the server accepts
//   FFDHE groups, none acceptable     "MUST NOT select an FFDHE cipher suite": another suite, or
//                                     insufficient_security if there is none
//
// The client (§3) checks that the (p, g) of the ServerKeyExchange is one of the groups it
// offered, byte for byte; a group it does not know is a "custom" group, judged by its size.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "crypto/dh_groups.h"

namespace lucid::handshake {

// RFC 7919 §2: the FFDHE code points are 256 to 511 (0x0100..0x01FF), even those unknown to us.
bool is_ffdhe_code_point(std::uint16_t named_group);

// The named group for a code point lucidtls implements (ffdhe2048 .. ffdhe8192), or nothing.
std::optional<crypto::NamedDhGroup> ffdhe_group_for(std::uint16_t named_group);

// The FFDHE groups a client offers and a server accepts when none are configured: ffdhe2048 to
// ffdhe8192, smallest (fastest) first.
std::vector<std::uint16_t> default_ffdhe_groups();

// Parses "ffdhe2048:ffdhe3072" (':' or ','). Throws lucid::Error naming an unknown group.
std::vector<std::uint16_t> parse_ffdhe_group_list(const std::string& list);

// The server's decision for DHE suites (RFC 7919 §4).
struct FfdheChoice {
    enum class Rule {
        configured,       // the client listed no FFDHE group: the server's own group
        negotiated,       // one of the client's groups
        none_acceptable,  // the client listed FFDHE groups, none acceptable: no DHE suite
    };
    Rule rule;
    std::optional<crypto::DhGroup> group;  // negotiated: the group; configured: as configured (may be empty)
    std::string explanation;              // one sentence for the trace
};

// RFC 7919 §4. `client_groups` is ClientHello.supported_groups (absent: no extension);
// `server_accepts` the groups this server allows (empty: default_ffdhe_groups()); `configured`
// the server's own group for old clients.
FfdheChoice choose_ffdhe_group(const std::optional<std::vector<std::uint16_t>>& client_groups,
                               const std::vector<std::uint16_t>& server_accepts,
                               const std::optional<crypto::DhGroup>& configured);

// RFC 7919 §3 and §4, client side, after the ServerKeyExchange was checked (dhe.h): a group
// that is one of the named FFDHE groups must be one we offered (the server "MUST select one of
// the client's offered groups"), else TlsError(illegal_parameter), unless we offered none (a
// client from before RFC 7919); any other group is custom and was already held to the size
// minimum. Returns a sentence for the trace.
std::string check_server_ffdhe_group(const crypto::DhGroup& group, const std::vector<std::uint16_t>& offered);

}  // namespace lucid::handshake
