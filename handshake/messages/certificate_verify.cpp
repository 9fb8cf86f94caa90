// CertificateVerify, RFC 5246 §7.4.8 (after the client's ClientKeyExchange, before its
// ChangeCipherSpec, when it sent a certificate).
//
//   struct {
//        digitally-signed struct {
//            opaque handshake_messages[handshake_messages_length];
//        }
//   } CertificateVerify;
//
// "Here handshake_messages refers to all handshake messages sent or received, starting at client
// hello and up to, but not including, this message, including the type and length fields of the
// handshake messages." The signature therefore covers both randoms, the server's certificate and
// the client's key exchange: it cannot be replayed into another handshake. "The hash and signature
// algorithms used in the signature MUST be one of those present in the
// supported_signature_algorithms field of the CertificateRequest message." (§7.4.8)
#include "handshake/messages/certificate_verify.h"

namespace lucid::handshake {

Bytes CertificateVerify::encode() const {
    record::Writer w;
    signature.write(w);
    return frame_handshake(HandshakeType::certificate_verify, w.data());
}

// RFC 5246 §7.4.8
CertificateVerify CertificateVerify::parse(ByteView body, Field* tree, std::uint16_t version) {
    FieldReader r(body, "CertificateVerify", 4, tree);
    CertificateVerify message;
    message.signature = DigitallySigned::read(r, "signature", version);
    r.note_last("RSA signature over every handshake message from ClientHello to here");
    r.expect_end();
    return message;
}

}  // namespace lucid::handshake
