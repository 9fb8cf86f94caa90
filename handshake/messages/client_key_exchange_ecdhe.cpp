// ClientKeyExchange for ECDHE_RSA, RFC 8422 §5.7.
//
//   enum { implicit, explicit } PublicValueEncoding;
//
//   struct {
//       select (PublicValueEncoding) {
//           case implicit: struct { };
//           case explicit: ECPoint ecdh_Yc;
//       } ecdh_public;
//   } ClientECDiffieHellmanPublic;
//
//   struct {
//       select (KeyExchangeAlgorithm) {
//           case ec_diffie_hellman: ClientECDiffieHellmanPublic;
//       } exchange_keys;
//   } ClientKeyExchange;
//
// "implicit" is for fixed-ECDH client certificates, which RFC 8422 deprecates; with ECDHE the
// value is always explicit. ECPoint is opaque point<1..2^8-1>: a ONE-byte length, where the RSA
// and DHE forms have two.
#include "handshake/messages/client_key_exchange_ecdhe.h"

namespace lucid::handshake {

Bytes ClientKeyExchangeEcdhe::encode() const {
    record::Writer w;
    w.vec(1, point);
    return frame_handshake(HandshakeType::client_key_exchange, w.data());
}

// RFC 8422 §5.7
ClientKeyExchangeEcdhe ClientKeyExchangeEcdhe::parse(ByteView body, Field* tree) {
    FieldReader r(body, "ClientKeyExchange", 4, tree);
    ClientKeyExchangeEcdhe message;
    r.group("ClientECDiffieHellmanPublic", [&](FieldReader& g) {
        const ByteView point = g.vec_bytes(1, 1, 255, "ecdh_Yc", [](ByteView v) {
            return std::to_string(v.size()) + " bytes: " + describe_hex(v);
        });
        g.note_last("the client's ephemeral public key (ECPoint, explicit encoding); for x25519 X25519(dc, 9)");
        message.point.assign(point.begin(), point.end());
    });
    r.expect_end();
    return message;
}

}  // namespace lucid::handshake
