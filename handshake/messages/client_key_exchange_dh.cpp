// ClientKeyExchange for DHE_RSA, RFC 5246 §7.4.7.2.
//
//   enum { implicit, explicit } PublicValueEncoding;
//
//   struct {
//       select (PublicValueEncoding) {
//           case implicit: struct { };
//           case explicit: opaque dh_Yc<1..2^16-1>;
//       } dh_public;
//   } ClientDiffieHellmanPublic;
//
//   struct {
//       select (KeyExchangeAlgorithm) {
//           ...
//           case dhe_dss:
//           case dhe_rsa:
//           case dh_dss:
//           case dh_rsa:
//           case dh_anon:
//               ClientDiffieHellmanPublic;
//       } exchange_keys;
//   } ClientKeyExchange;
//
// "implicit" is for a client certificate that already holds a DH key in the server's group
// (fixed_dh client authentication), which lucidtls does not do; with DHE the value is always
// explicit. On the wire this has the same shape as the RSA form (a two-byte length, then bytes):
// only the negotiated cipher suite says which one a ClientKeyExchange is.
#include "handshake/messages/client_key_exchange_dh.h"

#include "crypto/bignum.h"

namespace lucid::handshake {

Bytes ClientKeyExchangeDh::encode() const {
    record::Writer w;
    w.vec(2, dh_Yc);
    return frame_handshake(HandshakeType::client_key_exchange, w.data());
}

// RFC 5246 §7.4.7.2
ClientKeyExchangeDh ClientKeyExchangeDh::parse(ByteView body, Field* tree) {
    FieldReader r(body, "ClientKeyExchange", 4, tree);
    ClientKeyExchangeDh message;
    r.group("ClientDiffieHellmanPublic", [&](FieldReader& g) {
        const ByteView yc = g.vec_bytes(2, 1, 0xFFFF, "dh_Yc", [](ByteView v) {
            return std::to_string(crypto::bit_length(crypto::os2ip(v))) + "-bit number, " +
                   std::to_string(v.size()) + " bytes: " + describe_hex(v);
        });
        g.note_last("the client's public value g^Xc mod p (explicit encoding)");
        message.dh_Yc.assign(yc.begin(), yc.end());
    });
    r.expect_end();
    return message;
}

}  // namespace lucid::handshake
