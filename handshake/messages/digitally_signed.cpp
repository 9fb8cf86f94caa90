// digitally-signed, RFC 5246 §4.7.
//
//   struct {
//      SignatureAndHashAlgorithm algorithm;
//      opaque signature<0..2^16-1>;
//   } DigitallySigned;
//
// "In digital signing, one-way hash functions are used as input for a signing algorithm. A
// digitally-signed element is encoded as a struct DigitallySigned" (§4.7). For RSA the signature
// is RSASSA-PKCS1-v1_5 (RFC 8017 §8.2) with the hash the algorithm field names: "the DigitalInfo
// [sic] encoding ... is used" (§4.7), unlike TLS 1.0/1.1, which signed MD5 || SHA-1 without a
// DigestInfo and had no algorithm field. What is signed is the content of the struct the element
// stands for (the randoms and the DH parameters, or the handshake messages); the signing and the
// checking are in handshake/signatures.cpp.
#include "handshake/messages/digitally_signed.h"

#include "handshake/extensions.h"
#include "record/tls_error.h"

namespace lucid::handshake {

void DigitallySigned::write(record::Writer& w) const {
    if (algorithm != rsa_md5_sha1_before_tls12) w.u16(algorithm);
    w.vec(2, signature);
}

DigitallySigned DigitallySigned::read(FieldReader& r, std::string_view name, std::uint16_t version) {
    DigitallySigned out;
    r.group(name, [&](FieldReader& g) {
        if (version >= 0x0303) {
            out.algorithm = g.u16("algorithm", signature_algorithm_name);
            g.note_last("SignatureAndHashAlgorithm (RFC 5246 §7.4.1.4.1)");
            // {none(0), anonymous(0)} is no signature ("anonymous ... MUST NOT appear in this
            // extension", §7.4.1.4.1), and 0x0000 is the value this code keeps for the TLS 1.0/1.1
            // form without the field: read as that, it would be written back without it (found by
            // fuzz/fuzz_handshake_messages, the encode-parse round trip).
            if (out.algorithm == rsa_md5_sha1_before_tls12) {
                throw record::TlsError(record::AlertDescription::illegal_parameter,
                                       g.what() + ": SignatureAndHashAlgorithm {none, anonymous} (0x0000) is not a "
                                                  "signature (RFC 5246 §7.4.1.4.1)");
            }
        } else {
            out.algorithm = rsa_md5_sha1_before_tls12;
        }
        const ByteView signature = g.vec_bytes(2, 0, 0xFFFF, "signature", [](ByteView v) {
            return std::to_string(v.size()) + " bytes (" + std::to_string(v.size() * 8) + "-bit RSA signature)";
        });
        out.signature.assign(signature.begin(), signature.end());
        if (version < 0x0303) g.note_last("over MD5 || SHA-1, no algorithm field before TLS 1.2 (RFC 2246 §7.4.3)");
    });
    return out;
}

}  // namespace lucid::handshake
