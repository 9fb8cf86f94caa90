// Certificate, RFC 5246 §7.4.2 (step 3).
//
//   opaque ASN.1Cert<1..2^24-1>;
//
//   struct {
//       ASN.1Cert certificate_list<0..2^24-1>;
//   } Certificate;
//
// "certificate_list: This is a sequence (chain) of certificates. The sender's certificate MUST
// come first in the list. Each following certificate MUST directly certify the one preceding it."
// The DER inside is read by x509/, not here: this message only carries the bytes.
#include "handshake/messages/certificate.h"

namespace lucid::handshake {

Bytes CertificateMessage::encode() const {
    record::Writer w;
    w.prefixed(3, [&](record::Writer& list) {
        for (const Bytes& cert : certificate_list) list.vec(3, cert);
    });
    return frame_handshake(HandshakeType::certificate, w.data());
}

CertificateMessage CertificateMessage::parse(ByteView body, Field* tree) {
    FieldReader r(body, "Certificate", 4, tree);
    CertificateMessage message;
    r.vec(3, 0, 0xFFFFFF, "certificate_list", [&](FieldReader& list) {
        while (!list.empty()) {
            const std::string name = "ASN.1Cert[" + std::to_string(message.certificate_list.size()) + "]";
            const ByteView der = list.vec_bytes(3, 1, 0xFFFFFF, name, [](ByteView v) {
                return std::to_string(v.size()) + " bytes of DER";
            });
            message.certificate_list.emplace_back(der.begin(), der.end());
        }
        list.set_value(std::to_string(message.certificate_list.size()) + " certificate(s)");
    });
    r.expect_end();
    return message;
}

}  // namespace lucid::handshake
