// NewSessionTicket, RFC 5077 §3.3.
//
//   struct {
//       uint32 ticket_lifetime_hint;
//       opaque ticket<0..2^16-1>;
//   } NewSessionTicket;
//
// "This message is sent by the server during the TLS handshake before the ChangeCipherSpec
// message. This message MUST be sent if the server included a SessionTicket extension in the
// ServerHello. This message MUST NOT be sent if the server did not include a SessionTicket
// extension in the ServerHello." It is part of the Finished hash (it is a handshake message).
// An empty ticket is allowed: "If the server determines that it does not want to include a ticket
// after it has included the SessionTicket extension in the ServerHello, then it sends a
// zero-length ticket in the NewSessionTicket handshake message."
#include "handshake/messages/new_session_ticket.h"

#include "record/codec.h"

namespace lucid::handshake {

Bytes NewSessionTicket::encode() const {
    record::Writer w;
    w.u32(ticket_lifetime_hint);
    w.vec(2, ticket);
    return frame_handshake(HandshakeType::new_session_ticket, w.data());
}

NewSessionTicket NewSessionTicket::parse(ByteView body, Field* tree) {
    FieldReader r(body, "NewSessionTicket", 4, tree);
    NewSessionTicket message;
    message.ticket_lifetime_hint = r.u32("ticket_lifetime_hint", [](std::uint32_t s) {
        return s == 0 ? std::string("0 (no recommendation)") : std::to_string(s) + " seconds";
    });
    const ByteView ticket = r.vec_bytes(2, 0, 0xFFFF, "ticket", [](ByteView v) {
        return describe_length(v) + ", opaque to the client (the server's encrypted session state)";
    });
    message.ticket.assign(ticket.begin(), ticket.end());
    r.expect_end();
    return message;
}

}  // namespace lucid::handshake
