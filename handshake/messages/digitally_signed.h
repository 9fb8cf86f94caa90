// The digitally-signed element of TLS 1.2, RFC 5246 §4.7, shared by ServerKeyExchange (§7.4.3)
// and CertificateVerify (§7.4.8). See digitally_signed.cpp.
#pragma once

#include <cstdint>
#include <string_view>

#include "crypto/bytes.h"
#include "handshake/field_reader.h"
#include "record/codec.h"

namespace lucid::handshake {

struct DigitallySigned {
    std::uint16_t algorithm = 0;  // SignatureAndHashAlgorithm: (hash << 8) | signature, e.g. 0x0401
    Bytes signature;              // for RSA: the RSASSA-PKCS1-v1_5 signature, as long as the modulus

    void write(record::Writer& w) const;
    // Reads the two fields as one group called `name` ("signed_params", "signature").
    static DigitallySigned read(FieldReader& r, std::string_view name);
};

}  // namespace lucid::handshake
