// ClientKeyExchange for RSA key exchange, RFC 5246 §7.4.7.1 (step 5).
//
//   struct {
//       ProtocolVersion client_version;
//       opaque random[46];
//   } PreMasterSecret;
//
//   struct {
//       public-key-encrypted PreMasterSecret pre_master_secret;
//   } EncryptedPreMasterSecret;
//
//   struct {
//       select (KeyExchangeAlgorithm) {
//           case rsa:
//               EncryptedPreMasterSecret;
//           ...
//       } exchange_keys;
//   } ClientKeyExchange;
//
// "public-key-encrypted" data is an opaque vector<0..2^16-1> with its two-byte length (RFC 5246
// §4.7; TLS 1.0 implementations sometimes left the length out, which TLS 1.2 no longer allows).
// The client_version in PreMasterSecret is the version the client OFFERED in its ClientHello, not
// the negotiated one, so that a rollback to an older version is detected (§7.4.7.1).
#include "handshake/messages/client_key_exchange.h"

namespace lucid::handshake {

Bytes ClientKeyExchange::encode() const {
    record::Writer w;
    w.vec(2, encrypted_pre_master_secret);
    return frame_handshake(HandshakeType::client_key_exchange, w.data());
}

ClientKeyExchange ClientKeyExchange::parse(ByteView body, Field* tree) {
    FieldReader r(body, "ClientKeyExchange", 4, tree);
    ClientKeyExchange message;
    const ByteView encrypted = r.vec_bytes(2, 0, 0xFFFF, "EncryptedPreMasterSecret", [](ByteView v) {
        return std::to_string(v.size()) + " bytes of RSA ciphertext";
    });
    message.encrypted_pre_master_secret.assign(encrypted.begin(), encrypted.end());
    r.expect_end();
    return message;
}

}  // namespace lucid::handshake
