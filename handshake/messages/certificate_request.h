// CertificateRequest, RFC 5246 §7.4.4: an optional server message asking for a client
// certificate. lucidtls's server never sends it; its client answers it with an empty Certificate
// (RFC 5246 §7.4.6), as gnutls-serv asks by default. See certificate_request.cpp.
#pragma once

#include <cstdint>
#include <vector>

#include "crypto/bytes.h"
#include "handshake/messages/handshake_type.h"

namespace lucid::handshake {

struct CertificateRequest {
    Bytes certificate_types;                            // ClientCertificateType, e.g. rsa_sign(1)
    std::vector<std::uint16_t> supported_signature_algorithms;
    std::vector<Bytes> certificate_authorities;         // DER DistinguishedNames

    // version: the negotiated one. TLS 1.0 and 1.1 have no supported_signature_algorithms field
    // (RFC 2246 §7.4.4); parse() then gives {rsa_md5_sha1_before_tls12}, and encode() leaves it out.
    Bytes encode(std::uint16_t version = 0x0303) const;
    static CertificateRequest parse(ByteView body, Field* tree = nullptr, std::uint16_t version = 0x0303);
};

}  // namespace lucid::handshake
