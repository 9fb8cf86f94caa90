// HelloRequest, RFC 5246 §7.4.1.1.
//
//   struct { } HelloRequest;
//
// A server's request that the client start a new handshake (renegotiation). "This message will be
// ignored by the client if the client is currently negotiating a session." lucidtls never
// renegotiates: after the handshake its client answers with a no_renegotiation warning (RFC 5746
// §4.2 allows declining). HelloRequest is not part of the Finished transcript (§7.4.9).
#include "handshake/messages/server_hello_done.h"

namespace lucid::handshake {

Bytes HelloRequest::encode() const { return frame_handshake(HandshakeType::hello_request, {}); }

HelloRequest HelloRequest::parse(ByteView body, Field* tree) {
    FieldReader r(body, "HelloRequest", 4, tree);
    r.expect_end();
    return {};
}

}  // namespace lucid::handshake
