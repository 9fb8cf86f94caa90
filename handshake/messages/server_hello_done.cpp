// ServerHelloDone, RFC 5246 §7.4.5 (step 4).
//
//   struct { } ServerHelloDone;
//
// "The ServerHelloDone message is sent by the server to indicate the end of the ServerHello and
// associated messages. After sending this message, the server will wait for a client response."
#include "handshake/messages/server_hello_done.h"

namespace lucid::handshake {

Bytes ServerHelloDone::encode() const { return frame_handshake(HandshakeType::server_hello_done, {}); }

ServerHelloDone ServerHelloDone::parse(ByteView body, Field* tree) {
    FieldReader r(body, "ServerHelloDone", 4, tree);
    r.expect_end();  // a non-empty body is decode_error
    return {};
}

}  // namespace lucid::handshake
