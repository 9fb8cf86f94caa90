// The digitally-signed element of TLS 1.2, RFC 5246 §4.7, shared by ServerKeyExchange (§7.4.3)
// and CertificateVerify (§7.4.8). See digitally_signed.cpp.
#pragma once

#include <cstdint>
#include <string_view>

#include "crypto/bytes.h"
#include "handshake/field_reader.h"
#include "record/codec.h"

namespace lucid::handshake {

// TLS 1.0 and 1.1 (RFC 2246 §7.4.3, RFC 4346 §7.4.3): an RSA signature over MD5(content) ||
// SHA-1(content) (36 bytes, PKCS#1 type 1 without a DigestInfo), and no algorithm field on the wire.
// lucidtls names that form with this value, which is never written (0x0000 is not a
// SignatureAndHashAlgorithm anyone sends: none(0), anonymous(0)).
inline constexpr std::uint16_t rsa_md5_sha1_before_tls12 = 0x0000;

struct DigitallySigned {
    std::uint16_t algorithm = 0;  // SignatureAndHashAlgorithm: (hash << 8) | signature, e.g. 0x0401;
                                  // rsa_md5_sha1_before_tls12 in TLS 1.0/1.1
    Bytes signature;              // for RSA: the RSASSA-PKCS1-v1_5 signature, as long as the modulus

    void write(record::Writer& w) const;
    // Reads the two fields as one group called `name` ("signed_params", "signature").
    // version: the negotiated one; before TLS 1.2 there is no algorithm field.
    static DigitallySigned read(FieldReader& r, std::string_view name, std::uint16_t version = 0x0303);
};

}  // namespace lucid::handshake
