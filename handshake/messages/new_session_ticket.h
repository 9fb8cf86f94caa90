// NewSessionTicket, RFC 5077 §3.3: the server hands the client its session as an opaque ticket.
// See new_session_ticket.cpp.
#pragma once

#include <cstdint>

#include "crypto/bytes.h"
#include "handshake/messages/handshake_type.h"

namespace lucid::handshake {

struct NewSessionTicket {
    std::uint32_t ticket_lifetime_hint = 0;  // seconds; 0 = "no recommendation"
    Bytes ticket;                            // opaque to the client (server_ticket.h on the server)

    Bytes encode() const;
    static NewSessionTicket parse(ByteView body, Field* tree = nullptr);
};

}  // namespace lucid::handshake
