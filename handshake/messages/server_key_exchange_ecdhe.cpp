// ServerKeyExchange for ECDHE_RSA, RFC 8422 §5.4.
//
//   enum { explicit_prime (1), explicit_char2 (2), named_curve (3), reserved(248..255) } ECCurveType;
//
//   struct {
//       ECCurveType    curve_type;
//       select (curve_type) {
//           case named_curve:
//               NamedCurve namedcurve;
//       };
//   } ECParameters;
//
//   struct {
//       opaque point <1..2^8-1>;
//   } ECPoint;
//
//   struct {
//       ECParameters    curve_params;
//       ECPoint         public;
//   } ServerECDHParams;
//
//   select (KeyExchangeAlgorithm) {
//       case ec_diffie_hellman:
//           ServerECDHParams    params;
//           Signature           signed_params;
//   } ServerKeyExchange;
//
// with signed_params, in TLS 1.2, a digitally-signed struct { client_random[32];
// server_random[32]; ServerECDHParams params; } exactly as for DHE (RFC 5246 §7.4.3). As there,
// the signature does not cover the chosen cipher suite (see server_key_exchange.cpp).
//
// For X25519 the ECPoint is the 32-byte little-endian u-coordinate of RFC 7748 §5 (RFC 8422
// §5.11), not the 04 || x || y "uncompressed" form of the NIST curves.
#include "handshake/messages/server_key_exchange_ecdhe.h"

#include "handshake/extensions.h"
#include "record/tls_error.h"

namespace lucid::handshake {

void ServerEcdhParams::write(record::Writer& w) const {
    w.u8(curve_type);
    w.u16(named_curve);
    w.vec(1, point);
}

Bytes ServerKeyExchangeEcdhe::encode() const {
    record::Writer w;
    params.write(w);
    signed_params.write(w);
    return frame_handshake(HandshakeType::server_key_exchange, w.data());
}

// RFC 8422 §5.4
ServerKeyExchangeEcdhe ServerKeyExchangeEcdhe::parse(ByteView body, Field* tree, std::uint16_t version) {
    FieldReader r(body, "ServerKeyExchange", 4, tree);
    ServerKeyExchangeEcdhe m;
    r.group("params", [&](FieldReader& g) {
        g.group("curve_params", [&](FieldReader& c) {
            m.params.curve_type = c.u8("curve_type", [](std::uint8_t t) {
                return t == ec_curve_type_named_curve ? "named_curve (3)" : "other (" + std::to_string(t) + ")";
            });
            if (m.params.curve_type != ec_curve_type_named_curve) {
                throw record::TlsError(record::AlertDescription::illegal_parameter,
                                       c.what() + ": curve_type " + std::to_string(m.params.curve_type) +
                                           " is not named_curve(3); explicit curves MUST NOT be used (RFC 8422 §5.4)");
            }
            m.params.named_curve = c.u16("namedcurve", [](std::uint16_t g16) { return named_group_name(g16); });
            c.set_value("ECParameters");
        });
        const ByteView point = g.vec_bytes(1, 1, 255, "public", [](ByteView v) {
            return std::to_string(v.size()) + " bytes: " + describe_hex(v);
        });
        g.note_last("the server's ephemeral public key (ECPoint); for x25519 X25519(d, 9), 32 bytes (RFC 8422 §5.11)");
        m.params.point.assign(point.begin(), point.end());
        g.set_value("ServerECDHParams");
    });
    m.signed_params = DigitallySigned::read(r, "signed_params", version);
    r.note_last("RSA signature over client_random + server_random + params");
    r.expect_end();
    return m;
}

Bytes ServerKeyExchangeEcdhe::signed_content(ByteView client_random, ByteView server_random) const {
    record::Writer w;
    w.bytes(client_random);
    w.bytes(server_random);
    params.write(w);
    return w.take();
}

}  // namespace lucid::handshake
