// CertificateRequest, RFC 5246 §7.4.4.
//
//   enum {
//       rsa_sign(1), dss_sign(2), rsa_fixed_dh(3), dss_fixed_dh(4),
//       rsa_ephemeral_dh_RESERVED(5), dss_ephemeral_dh_RESERVED(6),
//       fortezza_dms_RESERVED(20), (255)
//   } ClientCertificateType;
//
//   opaque DistinguishedName<1..2^16-1>;
//
//   struct {
//       ClientCertificateType certificate_types<1..2^8-1>;
//       SignatureAndHashAlgorithm
//         supported_signature_algorithms<2^16-1>;
//       DistinguishedName certificate_authorities<0..2^16-1>;
//   } CertificateRequest;
//
// (supported_signature_algorithms has the bounds <2..2^16-2> of §7.4.1.4.1; the struct above, as
// printed in the RFC, leaves out the lower bound.)
#include "handshake/messages/certificate_request.h"

#include "handshake/messages/digitally_signed.h"

#include "handshake/extensions.h"

namespace lucid::handshake {

namespace {
std::string certificate_type_name(std::uint8_t t) {
    switch (t) {
        case 1: return "rsa_sign (1)";
        case 2: return "dss_sign (2)";
        case 3: return "rsa_fixed_dh (3)";
        case 4: return "dss_fixed_dh (4)";
        case 64: return "ecdsa_sign (64)";  // RFC 8422 §5.5
        default: return "unknown (" + std::to_string(t) + ")";
    }
}
}  // namespace

Bytes CertificateRequest::encode(std::uint16_t version) const {
    record::Writer w;
    w.vec(1, certificate_types);
    if (version >= 0x0303) {
        w.prefixed(2, [&](record::Writer& list) {
            for (std::uint16_t a : supported_signature_algorithms) list.u16(a);
        });
    }
    w.prefixed(2, [&](record::Writer& list) {
        for (const Bytes& name : certificate_authorities) list.vec(2, name);
    });
    return frame_handshake(HandshakeType::certificate_request, w.data());
}

CertificateRequest CertificateRequest::parse(ByteView body, Field* tree, std::uint16_t version) {
    FieldReader r(body, "CertificateRequest", 4, tree);
    CertificateRequest m;
    const ByteView types = r.vec(1, 1, 255, "certificate_types", [](FieldReader& list) {
        while (!list.empty()) list.u8("ClientCertificateType", certificate_type_name);
    });
    m.certificate_types.assign(types.begin(), types.end());
    if (version < 0x0303) {
        m.supported_signature_algorithms = {rsa_md5_sha1_before_tls12};  // RFC 2246 §7.4.4: no such field
    } else {
        r.vec(2, 2, 0xFFFE, "supported_signature_algorithms", [&](FieldReader& list) {
            while (!list.empty()) {
                m.supported_signature_algorithms.push_back(list.u16("SignatureAndHashAlgorithm", signature_algorithm_name));
            }
        });
    }
    r.vec(2, 0, 0xFFFF, "certificate_authorities", [&](FieldReader& list) {
        while (!list.empty()) {
            const ByteView name = list.vec_bytes(2, 1, 0xFFFF, "DistinguishedName", describe_length);
            m.certificate_authorities.emplace_back(name.begin(), name.end());
        }
    });
    r.expect_end();
    return m;
}

}  // namespace lucid::handshake
