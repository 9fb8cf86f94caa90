// CertificateVerify, RFC 5246 §7.4.8: the client proves it holds the key of the certificate it
// sent. See certificate_verify.cpp.
#pragma once

#include "crypto/bytes.h"
#include "handshake/messages/digitally_signed.h"
#include "handshake/messages/handshake_type.h"

namespace lucid::handshake {

struct CertificateVerify {
    DigitallySigned signature;  // over every handshake message so far

    Bytes encode() const;
    // version: the negotiated one (the signature's form differs before TLS 1.2, digitally_signed.h).
    static CertificateVerify parse(ByteView body, Field* tree = nullptr, std::uint16_t version = 0x0303);
};

}  // namespace lucid::handshake
