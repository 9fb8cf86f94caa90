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

    Bytes encode() const;
    static CertificateRequest parse(ByteView body, Field* tree = nullptr);
};

}  // namespace lucid::handshake
