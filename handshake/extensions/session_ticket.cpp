// SessionTicket extension, RFC 5077 §3.2:
//
//   struct { opaque ticket<0..2^16-1>; } SessionTicket;   (extension_data IS the ticket, no prefix)
//
// ClientHello: empty = "I support tickets, give me one"; non-empty = the ticket of the session the
// client wants to resume. ServerHello: always empty, "I will send a NewSessionTicket" (§3.2: "The
// server uses a zero-length SessionTicket extension to indicate to the client that it will send a
// new session ticket using the NewSessionTicket handshake message").
#include "handshake/extensions.h"
#include "record/tls_error.h"

namespace lucid::handshake {

Bytes read_session_ticket(FieldReader& r, HelloKind kind) {
    if (kind == HelloKind::server_hello && !r.empty()) {
        throw record::TlsError(record::AlertDescription::decode_error,
                               r.what() + ": the ServerHello's session_ticket must be empty (RFC 5077 §3.2)");
    }
    if (r.empty()) {
        r.set_note(kind == HelloKind::client_hello ? "empty: the client supports tickets and has none to offer"
                                                   : "empty: a NewSessionTicket will follow (RFC 5077 §3.2)");
        return {};
    }
    const ByteView ticket = r.bytes(r.remaining(), "ticket", describe_length);
    r.set_note("the ticket of the session to resume (RFC 5077 §3.1, Figure 2)");
    return Bytes(ticket.begin(), ticket.end());
}

}  // namespace lucid::handshake
