// The client's trust: the CA certificates of --CAfile, or of the system bundle by default.
//
// A system bundle holds ~150 certificates from many makers, and a few may use encodings that
// lucidtls's strict DER parser refuses (x509/). One unreadable CA must not make every connection
// fail, so such certificates are left out of the trust (not trusted, never more trusted) and the
// user is told which and why.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "crypto/bytes.h"

namespace lucid::net {

struct TrustAnchors {
    std::vector<Bytes> certificates;   // DER, each one parsed by x509::Certificate::parse
    std::vector<std::string> skipped;  // "certificate 125 of FILE: <why it cannot be parsed>"
};

// Throws lucid::Error if the text holds no certificate at all, or a PEM block is malformed.
TrustAnchors load_trust_anchors(std::string_view pem, const std::string& file);

}  // namespace lucid::net
