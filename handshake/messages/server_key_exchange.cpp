// ServerKeyExchange for DHE_RSA, RFC 5246 §7.4.3 (the step between Certificate and
// ServerHelloDone in a DHE handshake).
//
//   struct {
//       opaque dh_p<1..2^16-1>;
//       opaque dh_g<1..2^16-1>;
//       opaque dh_Ys<1..2^16-1>;
//   } ServerDHParams;     /* Ephemeral DH parameters */
//
//   struct {
//       select (KeyExchangeAlgorithm) {
//           case dh_anon:
//               ServerDHParams params;
//           case dhe_dss:
//           case dhe_rsa:
//               ServerDHParams params;
//               digitally-signed struct {
//                   opaque client_random[32];
//                   opaque server_random[32];
//                   ServerDHParams params;
//               } signed_params;
//           case rsa:
//           case dh_dss:
//           case dh_rsa:
//               struct {} ;
//              /* message is omitted for rsa, dh_dss, and dh_rsa */
//           /* may be extended, e.g., for ECDH -- see [TLSECC] */
//       };
//   } ServerKeyExchange;
//
// The signature binds the parameters to this handshake: both randoms are inside it, so a
// ServerKeyExchange recorded from another connection does not verify here. Note what it does NOT
// cover: the cipher suite the server chose. That gap is what the "cross-protocol" attack of
// Mavrogiannopoulos et al. (CCS 2012) used to pass ECDH parameters off as DH ones; TLS 1.3 signs
// the whole transcript instead. The numbers themselves are checked in handshake/dhe.cpp.
#include "handshake/messages/server_key_exchange.h"

#include "crypto/bignum.h"

namespace lucid::handshake {

namespace {

// "2048-bit number" for dh_p and dh_Ys; the value itself for a small generator.
std::string describe_number(ByteView v) {
    const crypto::BigInt n = crypto::os2ip(v);
    if (v.size() <= 4) return n.get_str() + " (0x" + crypto::to_hex_text(n) + ")";
    return std::to_string(crypto::bit_length(n)) + "-bit number, " + std::to_string(v.size()) + " bytes: " + describe_hex(v);
}

}  // namespace

void ServerDhParams::write(record::Writer& w) const {
    w.vec(2, dh_p);
    w.vec(2, dh_g);
    w.vec(2, dh_Ys);
}

// RFC 5246 §7.4.3 ServerDHParams
ServerDhParams ServerDhParams::read(FieldReader& r) {
    ServerDhParams params;
    r.group("params", [&](FieldReader& g) {
        const ByteView p = g.vec_bytes(2, 1, 0xFFFF, "dh_p", describe_number);
        g.note_last("the prime modulus");
        const ByteView gen = g.vec_bytes(2, 1, 0xFFFF, "dh_g", describe_number);
        g.note_last("the generator");
        const ByteView ys = g.vec_bytes(2, 1, 0xFFFF, "dh_Ys", describe_number);
        g.note_last("the server's public value g^X mod p");
        params.dh_p.assign(p.begin(), p.end());
        params.dh_g.assign(gen.begin(), gen.end());
        params.dh_Ys.assign(ys.begin(), ys.end());
        g.set_value("ServerDHParams");
    });
    return params;
}

Bytes ServerKeyExchange::encode() const {
    record::Writer w;
    params.write(w);
    signed_params.write(w);
    return frame_handshake(HandshakeType::server_key_exchange, w.data());
}

// RFC 5246 §7.4.3
ServerKeyExchange ServerKeyExchange::parse(ByteView body, Field* tree, std::uint16_t version) {
    FieldReader r(body, "ServerKeyExchange", 4, tree);
    ServerKeyExchange m;
    m.params = ServerDhParams::read(r);
    m.signed_params = DigitallySigned::read(r, "signed_params", version);
    r.note_last("RSA signature over client_random + server_random + params");
    r.expect_end();
    return m;
}

Bytes ServerKeyExchange::signed_content(ByteView client_random, ByteView server_random) const {
    record::Writer w;
    w.bytes(client_random);
    w.bytes(server_random);
    params.write(w);
    return w.take();
}

}  // namespace lucid::handshake
