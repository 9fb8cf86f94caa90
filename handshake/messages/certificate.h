// Certificate, RFC 5246 §7.4.2: step 3 of the handshake. See certificate.cpp.
#pragma once

#include <vector>

#include "crypto/bytes.h"
#include "handshake/messages/handshake_type.h"

namespace lucid::handshake {

struct CertificateMessage {
    std::vector<Bytes> certificate_list;  // DER, the sender's certificate first

    Bytes encode() const;
    static CertificateMessage parse(ByteView body, Field* tree = nullptr);
};

}  // namespace lucid::handshake
