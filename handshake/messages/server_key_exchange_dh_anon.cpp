// ServerKeyExchange for DH_anon, RFC 5246 §7.4.3, the first arm of the select:
//
//   struct {
//       select (KeyExchangeAlgorithm) {
//           case dh_anon:
//               ServerDHParams params;
//           ...
//       };
//   } ServerKeyExchange;
//
// No signed_params: nothing ties these numbers to the server, or to this handshake. Whoever sits
// between client and server can replace them with their own (RFC 5246 Appendix F.1.1.1:
// "Completely anonymous connections only provide protection against passive eavesdropping").
#include "handshake/messages/server_key_exchange_dh_anon.h"

namespace lucid::handshake {

Bytes ServerKeyExchangeDhAnon::encode() const {
    record::Writer w;
    params.write(w);
    return frame_handshake(HandshakeType::server_key_exchange, w.data());
}

// RFC 5246 §7.4.3
ServerKeyExchangeDhAnon ServerKeyExchangeDhAnon::parse(ByteView body, Field* tree) {
    FieldReader r(body, "ServerKeyExchange", 4, tree);
    ServerKeyExchangeDhAnon m;
    m.params = ServerDhParams::read(r);
    r.expect_end();
    return m;
}

}  // namespace lucid::handshake
